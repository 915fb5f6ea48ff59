namespace Ssl.Cloud.ApiHost;

/// <summary>Settings of the local host (section <c>ApiHost</c>; environment <c>ApiHost__FunctionKey</c>,
/// ...).</summary>
public sealed class ApiHostOptions
{
    public const string Section = "ApiHost";

    /// <summary>The key every Function-level route needs, as <c>x-functions-key</c> or <c>?code=</c>.</summary>
    public string FunctionKey { get; set; } = "";

    /// <summary>Route prefix, as <c>extensions.http.routePrefix</c> in host.json.</summary>
    public string RoutePrefix { get; set; } = "api";

    /// <summary>Test hooks: a settable clock (<c>/admin/clock</c>) and firing a timer Function now
    /// (<c>/admin/timers/{name}</c>). Off unless set; never for a shared stack.</summary>
    public bool TestHooks { get; set; }

    /// <summary>How often the timer loop looks at the clock; a settable clock may jump, so it polls.</summary>
    public TimeSpan TimerPoll { get; set; } = TimeSpan.FromSeconds(1);
}
