using Azure.Core;
using Azure.Core.Pipeline;

namespace Ssl.Cloud.Core.Tests.Storage;

/// <summary>Fails a share of the Blob SDK's HTTP calls, the ways storage fails in the field: a 503
/// or 500 before the server did anything, a connection reset before sending, and a connection reset
/// after the server applied the request but before its answer arrived (the nasty one: a retry
/// then meets its own earlier write). Seeded, so a run fails the same calls every time.</summary>
sealed class FaultInjectionPolicy : HttpPipelinePolicy
{
    public enum Fault { None, ServerBusy, InternalError, ResetBeforeSend, ResetAfterApply }

    readonly Func<HttpMessage, Fault> choose;
    readonly Dictionary<Fault, int> counts = Enum.GetValues<Fault>().ToDictionary(f => f, _ => 0);

    /// <summary>Fails a random <paramref name="share"/> of calls, each of the four ways equally often.</summary>
    public FaultInjectionPolicy(double share, int seed)
    {
        var random = new Random(seed);
        choose = _ => random.NextDouble() >= share ? Fault.None : (Fault)(1 + random.Next(4));
    }

    /// <summary>Fails the calls <paramref name="choose"/> picks, the way it says.</summary>
    public FaultInjectionPolicy(Func<HttpMessage, Fault> choose) => this.choose = choose;

    /// <summary>While false, every call passes: set-up and verification run fault-free.</summary>
    public bool Enabled { get; set; }

    public IReadOnlyDictionary<Fault, int> Counts
    {
        get { lock (counts) return new Dictionary<Fault, int>(counts); }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("the stores only use the async API");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        switch (Next(message))
        {
            case Fault.ServerBusy:
                message.Response = new SyntheticResponse(503, "Server Busy", "ServerBusy");
                return;
            case Fault.InternalError:
                message.Response = new SyntheticResponse(500, "Internal Server Error", "InternalError");
                return;
            case Fault.ResetBeforeSend:
                throw new IOException("injected: connection reset before the request was sent");
            case Fault.ResetAfterApply:
                await ProcessNextAsync(message, pipeline);
                throw new IOException("injected: connection reset after the server applied the request");
            default:
                await ProcessNextAsync(message, pipeline);
                return;
        }
    }

    Fault Next(HttpMessage message)
    {
        lock (counts)
        {
            var fault = Enabled ? choose(message) : Fault.None;
            counts[fault]++;
            return fault;
        }
    }
}
