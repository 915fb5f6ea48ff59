using Microsoft.Extensions.Options;

namespace Ssl.Cloud.ApiHost;

/// <summary>Test hooks, mapped only with <c>ApiHost:TestHooks=true</c> and behind the function key:
/// <c>GET|POST /admin/clock</c> reads or sets the host's clock (<c>{"utcNow": "2026-01-01T03:00:00Z"}</c>), and
/// <c>POST /admin/timers/{name}</c> fires a timer Function now and answers when it has finished.</summary>
public static class AdminEndpoints
{
    public sealed record ClockBody(DateTimeOffset UtcNow);

    public static void MapTestHooks(this WebApplication app)
    {
        var key = app.Services.GetRequiredService<IOptions<ApiHostOptions>>().Value.FunctionKey;
        var admin = app.MapGroup("/admin").AddEndpointFilter(async (context, next) =>
            FunctionKey.Accepts(context.HttpContext.Request, key) ? await next(context) : Results.Unauthorized());
        admin.MapGet("/clock", (TimeProvider clock) => Results.Ok(new ClockBody(clock.GetUtcNow())));
        admin.MapPost("/clock", (ClockBody body, TestClock clock) =>
        {
            clock.Set(body.UtcNow);
            return Results.Ok(new ClockBody(clock.GetUtcNow()));
        });
        admin.MapPost("/timers/{name}", async (
            string name, FunctionCatalog catalog, TimerRunner runner, CancellationToken ct) =>
        {
            if (catalog.Timer(name) is not { } timer)
                return Results.Problem(statusCode: 404, title: "Not found",
                    detail: $"no timer Function '{name}'; there are: "
                        + $"{string.Join(", ", catalog.Timers.Select(t => t.Name))}");
            await runner.RunAsync(timer, pastDue: false, ct);
            return Results.Ok(new
            {
                name = timer.Name,
                firedAt = app.Services.GetRequiredService<TimeProvider>().GetUtcNow()
            });
        });
    }
}
