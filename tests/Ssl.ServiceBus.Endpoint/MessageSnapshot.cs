namespace Ssl.ServiceBus.Endpoint;

/// <summary>A message as the endpoint holds it, for test assertions.</summary>
/// <param name="State">Active, Locked, Scheduled or Deferred.</param>
/// <param name="DeliveryCount">Failed deliveries so far (abandons and lock expiries).</param>
public sealed record MessageSnapshot(
    long SequenceNumber,
    string? MessageId,
    string State,
    int DeliveryCount,
    DateTimeOffset EnqueuedTime,
    string? DeadLetterReason,
    string? DeadLetterErrorDescription);
