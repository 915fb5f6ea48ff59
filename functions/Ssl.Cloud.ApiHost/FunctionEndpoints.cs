using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Ssl.Cloud.ApiHost;

/// <summary>One endpoint per HTTP Function, on its declared route and methods under the route prefix, behind
/// the function key unless the Function is anonymous; its <see cref="IActionResult"/> runs as MVC runs it.</summary>
public static class FunctionEndpoints
{
    public static void MapFunctions(this WebApplication app)
    {
        var catalog = app.Services.GetRequiredService<FunctionCatalog>();
        var options = app.Services.GetRequiredService<IOptions<ApiHostOptions>>().Value;
        foreach (var function in catalog.Http)
        {
            var route = $"/{options.RoutePrefix.Trim('/')}/{function.Route.TrimStart('/')}";
            app.MapMethods(route, function.HttpMethods, context => ServeAsync(context, function, options))
                .WithName(function.Name);
        }
    }

    static async Task ServeAsync(HttpContext context, HttpFunction function, ApiHostOptions options)
    {
        var log = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FunctionEndpoints));
        IActionResult result;
        if (function.Level != AuthorizationLevel.Anonymous
            && !FunctionKey.Accepts(context.Request, options.FunctionKey))
        {
            result = Problem(StatusCodes.Status401Unauthorized, "Unauthorized",
                $"send the function key as the {FunctionKey.Header} header or the ?{FunctionKey.Query}= query value");
        }
        else
        {
            try
            {
                result = await FunctionInvoker.InvokeHttpAsync(context.RequestServices, function.Method, context);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "Function {Function} failed", function.Name);
                result = Problem(StatusCodes.Status500InternalServerError, "Internal error",
                    $"Function {function.Name} failed");
            }
        }
        await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }

    static ObjectResult Problem(int status, string title, string detail) =>
        new(new ProblemDetails { Status = status, Title = title, Detail = detail }) { StatusCode = status };
}
