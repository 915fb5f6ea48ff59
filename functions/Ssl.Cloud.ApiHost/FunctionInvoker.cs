using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace Ssl.Cloud.ApiHost;

/// <summary>Calls a Function method the way the isolated worker does: a fresh instance of its class from the
/// container, the trigger's value, route values by parameter name, and the cancellation token.</summary>
public static class FunctionInvoker
{
    public static async Task<IActionResult> InvokeHttpAsync(
        IServiceProvider services, MethodInfo method, HttpContext context)
    {
        var arguments = method.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(HttpRequest) => context.Request,
            var t when t == typeof(CancellationToken) => context.RequestAborted,
            _ => RouteValue(context, p),
        }).ToArray();
        return await InvokeAsync(services, method, arguments) switch
        {
            IActionResult result => result,
            var other => throw new NotSupportedException(
                $"Function {method.Name} returned {other?.GetType().Name ?? "null"}; this host serves IActionResult"),
        };
    }

    public static async Task InvokeTimerAsync(
        IServiceProvider services, MethodInfo method, bool pastDue, CancellationToken ct)
    {
        var arguments = method.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(TimerInfo) => new TimerInfo { IsPastDue = pastDue },
            var t when t == typeof(CancellationToken) => (object)ct,
            var t => throw new NotSupportedException($"Timer Function {method.Name}: cannot bind a {t.Name}"),
        }).ToArray();
        await InvokeAsync(services, method, arguments);
    }

    static async Task<object?> InvokeAsync(IServiceProvider services, MethodInfo method, object?[] arguments)
    {
        await using var scope = services.CreateAsyncScope();
        var target = ActivatorUtilities.CreateInstance(scope.ServiceProvider, method.DeclaringType!);
        object? returned;
        try
        {
            returned = method.Invoke(target, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
            throw;
        }
        if (returned is not Task task) return returned;
        await task;
        return task.GetType().IsGenericType
            ? task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task)
            : null;
    }

    static object? RouteValue(HttpContext context, ParameterInfo parameter)
    {
        var value = context.GetRouteValue(parameter.Name!)?.ToString()
            ?? throw new NotSupportedException(
                $"Cannot bind parameter '{parameter.Name}': no route value of that name");
        return parameter.ParameterType == typeof(string)
            ? value
            : Convert.ChangeType(value, parameter.ParameterType, CultureInfo.InvariantCulture);
    }
}
