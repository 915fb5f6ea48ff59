using Ssl.ServiceBus.Endpoint.Broker;

namespace Ssl.ServiceBus.Endpoint.Amqp;

internal enum EntityKind
{
    Cbs,
    Queue,
    DeadLetterQueue,
    Management,
}

/// <summary>A link address as the SDK writes it: <c>$cbs</c>, <c>/training</c>, <c>/training/$DeadLetterQueue</c>,
/// <c>/training/$management</c> or <c>/training/$DeadLetterQueue/$management</c> (sometimes as a full URI).</summary>
internal sealed record EntityAddress(EntityKind Kind, string QueueName, bool OfDeadLetterQueue)
{
    public static EntityAddress Parse(string? address)
    {
        var path = address ?? throw new ArgumentException("The link has no address.");
        if (Uri.TryCreate(path, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps" or "sb")
        {
            path = Uri.UnescapeDataString(uri.AbsolutePath);
        }

        path = path.Trim('/');
        if (path.Equals(ServiceBusNames.CbsAddress, StringComparison.OrdinalIgnoreCase))
        {
            return new(EntityKind.Cbs, "", false);
        }

        var management = TrimSuffix(ref path, ServiceBusNames.ManagementSuffix);
        var deadLetter = TrimSuffix(ref path, ServiceBusNames.DeadLetterSuffix);
        if (path.Length == 0 || path.Contains('/') || path.Contains('$'))
        {
            throw new NotSupportedException(
                $"'{address}' is not a queue address (topics and subscriptions are not supported).");
        }

        var kind = management ? EntityKind.Management : deadLetter ? EntityKind.DeadLetterQueue : EntityKind.Queue;
        return new(kind, path, deadLetter);
    }

    static bool TrimSuffix(ref string path, string suffix)
    {
        if (!path.EndsWith("/" + suffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        path = path[..^(suffix.Length + 1)];
        return true;
    }
}
