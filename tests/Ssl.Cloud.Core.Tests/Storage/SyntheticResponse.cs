using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace Ssl.Cloud.Core.Tests.Storage;

/// <summary>An HTTP response made up by a test policy instead of coming from the server.</summary>
sealed class SyntheticResponse(int status, string reason, string errorCode) : Response
{
    readonly Dictionary<string, string> headers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["x-ms-error-code"] = errorCode
    };

    public override int Status => status;

    // The transport marks responses as errors; a response that never went through it must say so itself,
    // or the SDK's retry policy takes a 503 for a success.
    public override bool IsError => status >= 400;
    public override string ReasonPhrase => reason;
    public override Stream? ContentStream { get; set; } = new MemoryStream();
    public override string ClientRequestId { get; set; } = Guid.NewGuid().ToString();

    public override void Dispose() => ContentStream?.Dispose();

    protected override bool ContainsHeader(string name) => headers.ContainsKey(name);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() =>
        headers.Select(h => new HttpHeader(h.Key, h.Value));

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value) =>
        headers.TryGetValue(name, out value);

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = headers.TryGetValue(name, out var value) ? [value] : null;
        return values is not null;
    }
}
