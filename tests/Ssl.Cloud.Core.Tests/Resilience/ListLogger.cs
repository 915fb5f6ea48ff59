using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Ssl.Cloud.Core.Tests.Resilience;

/// <summary>Keeps what the pipeline logs, with the structured values, for assertions.</summary>
sealed class ListLogger : ILogger
{
    public ConcurrentQueue<(LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Values,
        Exception? Exception)> Entries { get; } = new();

    /// <summary>The delays the retry strategy announced, in order.</summary>
    public IReadOnlyList<TimeSpan> RetryDelays =>
        [.. Entries.Where(e => e.Values.ContainsKey("RetryDelay")).Select(e => (TimeSpan)e.Values["RetryDelay"]!)];

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
        Func<TState, Exception?, string> formatter)
    {
        var values = state as IEnumerable<KeyValuePair<string, object?>> ?? [];
        Entries.Enqueue((logLevel, formatter(state, exception), values.ToDictionary(kv => kv.Key, kv => kv.Value),
            exception));
    }
}
