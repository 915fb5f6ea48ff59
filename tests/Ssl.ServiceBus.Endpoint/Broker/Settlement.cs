using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;

namespace Ssl.ServiceBus.Endpoint.Broker;

internal enum SettlementKind
{
    Complete,
    Abandon,
    DeadLetter,
    Defer,
    Release,
}

/// <summary>What a receiver decided about a locked message, from a disposition on the receive link or
/// from a $management update-disposition request.</summary>
internal sealed record Settlement(
    SettlementKind Kind,
    IReadOnlyList<KeyValuePair<string, object>> PropertiesToModify,
    string? DeadLetterReason = null,
    string? DeadLetterDescription = null)
{
    static readonly KeyValuePair<string, object>[] None = [];

    /// <summary>Maps an AMQP outcome as the SDK uses it: accepted = complete, modified = abandon
    /// (or defer when undeliverable-here), rejected = dead-letter, released = give back unchanged.</summary>
    public static Settlement? FromOutcome(DeliveryState? state) => state switch
    {
        Accepted => new(SettlementKind.Complete, None),
        Modified { UndeliverableHere: true } modified =>
            new(SettlementKind.Defer, Entries(modified.MessageAnnotations)),
        Modified modified => new(SettlementKind.Abandon, Entries(modified.MessageAnnotations)),
        Rejected rejected => FromRejected(rejected),
        Released => new(SettlementKind.Release, None),
        _ => null,
    };

    /// <summary>Maps update-disposition's status names (the SDK's DispositionStatus, lower-cased).</summary>
    public static Settlement? FromDispositionStatus(string? status, AmqpMap? propertiesToModify, string? reason,
        string? description)
    {
        var properties = Entries(propertiesToModify);
        return status switch
        {
            "completed" => new(SettlementKind.Complete, properties),
            "abandoned" => new(SettlementKind.Abandon, properties),
            "suspended" => new(SettlementKind.DeadLetter, properties, reason, description),
            "defered" or "deferred" => new(SettlementKind.Defer, properties),
            _ => null,
        };
    }

    static Settlement FromRejected(Rejected rejected)
    {
        var info = Entries(rejected.Error?.Info);
        string? Take(string key) => info.FirstOrDefault(p => p.Key == key).Value as string;
        return new(
            SettlementKind.DeadLetter,
            info.Where(p =>
                p.Key is not (ServiceBusNames.DeadLetterReason or ServiceBusNames.DeadLetterErrorDescription)).ToList(),
            Take(ServiceBusNames.DeadLetterReason),
            Take(ServiceBusNames.DeadLetterErrorDescription));
    }

    static IReadOnlyList<KeyValuePair<string, object>> Entries(AmqpMap? map) =>
        map is null ? None : map.Select(p => new KeyValuePair<string, object>(KeyName(p.Key), p.Value)).ToList();

    static string KeyName(MapKey key) => key.Key is AmqpSymbol symbol ? symbol.Value : key.Key.ToString()!;
}
