using Azure.Core;
using Azure.Core.Pipeline;

namespace Ssl.Cloud.Trainer.Tests.Worker;

/// <summary>Counts the Blob SDK's HTTP requests by method and path, so a test can say which blobs were read or
/// written.</summary>
sealed class RequestCounter : HttpPipelinePolicy
{
    readonly List<(string Method, string Path)> seen = [];

    /// <summary>Called with each request's method and path before it is sent, e.g. to cancel an operation at a
    /// chosen request.</summary>
    public Action<string, string>? OnRequest { get; set; }

    public int Count(string method, Func<string, bool> path)
    {
        lock (seen) return seen.Count(r => r.Method == method && path(r.Path));
    }

    /// <summary>The paths of the requests of <paramref name="method"/> that <paramref name="path"/> selects, one per
    /// request.</summary>
    public List<string> Paths(string method, Func<string, bool> path)
    {
        lock (seen) return [.. seen.Where(r => r.Method == method && path(r.Path)).Select(r => r.Path)];
    }

    public void Clear()
    {
        lock (seen) seen.Clear();
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        return ProcessNextAsync(message, pipeline);
    }

    void Record(HttpMessage message)
    {
        var (method, path) = (message.Request.Method.Method, Uri.UnescapeDataString(message.Request.Uri.Path));
        lock (seen) seen.Add((method, path));
        OnRequest?.Invoke(method, path);
    }
}
