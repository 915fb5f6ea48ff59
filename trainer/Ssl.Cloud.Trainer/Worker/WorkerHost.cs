using Microsoft.Extensions.Hosting;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary>The generic host of <c>ssl worker</c> and the client verbs. Tests build it in-process and replace
/// services (a fault-injecting blob client) in <paramref name="configure"/>.</summary>
public static class WorkerHost
{
    public static IHost Build(string[] args, Action<HostApplicationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(
            new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.AddWorkerServices();
        configure?.Invoke(builder);
        return builder.Build();
    }
}
