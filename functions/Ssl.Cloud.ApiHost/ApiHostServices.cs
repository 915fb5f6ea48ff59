using Microsoft.Extensions.Options;
using Ssl.Cloud.Functions;

namespace Ssl.Cloud.ApiHost;

/// <summary>The host's own services around the Function app's (<see cref="ApplicationServices"/>).</summary>
public static class ApiHostServices
{
    public static WebApplicationBuilder AddApiHost(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ApiHostOptions.Section);
        builder.Services.AddOptions<ApiHostOptions>().Bind(section)
            .Validate(o => o.FunctionKey.Length >= 16, "ApiHost:FunctionKey must be set, at least 16 characters")
            .ValidateOnStart();
        if (section.GetValue<bool>(nameof(ApiHostOptions.TestHooks)))
        {
            // Registered before the app's services so that everything, the schedule runner included, reads it.
            builder.Services.AddSingleton(_ => new TestClock(TimeProvider.System));
            builder.Services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<TestClock>());
        }
        builder.Services.AddSingleton(new FunctionCatalog(typeof(ApplicationServices).Assembly));
        builder.Services.AddSingleton<TimerRunner>();
        builder.Services.AddHostedService<TimerScheduler>();
        builder.Services.AddMvcCore();
        builder.AddApplicationServices();
        return builder;
    }

    public static WebApplication MapApiHost(this WebApplication app)
    {
        app.MapFunctions();
        if (app.Services.GetRequiredService<IOptions<ApiHostOptions>>().Value.TestHooks)
            app.MapTestHooks();
        return app;
    }
}
