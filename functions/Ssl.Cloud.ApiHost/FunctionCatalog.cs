using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Ssl.Cloud.ApiHost;

/// <summary>The Functions of an assembly, read from their <c>[Function]</c>, <c>[HttpTrigger]</c> and
/// <c>[TimerTrigger]</c> attributes: the same source the Functions host reads, so no route is written twice.</summary>
public sealed class FunctionCatalog
{
    public FunctionCatalog(Assembly assembly)
    {
        foreach (var method in assembly.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance)))
        {
            if (method.GetCustomAttribute<FunctionAttribute>() is not { } function) continue;
            foreach (var parameter in method.GetParameters())
            {
                if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is { } http)
                    Http.Add(new HttpFunction(function.Name, method, http.Route ?? function.Name,
                        http.Methods is { Length: > 0 } verbs
                            ? [.. verbs.Select(v => v.ToUpperInvariant())]
                            : ["GET", "POST"],
                        http.AuthLevel));
                else if (parameter.GetCustomAttribute<TimerTriggerAttribute>() is { } timer)
                    Timers.Add(new TimerFunction(function.Name, method, timer.Schedule));
            }
        }
    }

    public List<HttpFunction> Http { get; } = [];
    public List<TimerFunction> Timers { get; } = [];

    public TimerFunction? Timer(string name) =>
        Timers.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));
}
