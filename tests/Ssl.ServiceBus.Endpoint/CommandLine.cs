using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Ssl.ServiceBus.Endpoint;

/// <summary>Options of the standalone endpoint. Queue settings apply to every <c>--queue</c> given.</summary>
internal static class CommandLine
{
    public const string Usage = """
        usage: Ssl.ServiceBus.Endpoint [--host 127.0.0.1] [--port 5672] [--queue NAME]... [--lock-duration 00:01:00]
               [--max-delivery-count 10] [--duplicate-detection-window 00:10:00] [--default-ttl 1.00:00:00]
               [--dead-letter-on-expiration] [--no-auto-create]
        """;

    public static bool TryParse(string[] args, [NotNullWhen(true)] out EndpointOptions? options,
        [NotNullWhen(false)] out string? error)
    {
        options = new EndpointOptions { Port = 5672 };
        var names = new List<string>();
        var template = new QueueOptions("template");
        error = null;
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length
                    ? args[++i]
                    : throw new FormatException($"{args[i]} needs a value.");
                switch (args[i])
                {
                    case "--host": options.Host = Value(); break;
                    case "--port": options.Port = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                    case "--queue": names.Add(Value()); break;
                    case "--lock-duration": template.LockDuration = Duration(Value()); break;
                    case "--max-delivery-count": template.MaxDeliveryCount = int.Parse(Value(),
                        CultureInfo.InvariantCulture); break;
                    case "--duplicate-detection-window": template.DuplicateDetectionWindow = Duration(Value()); break;
                    case "--default-ttl": template.DefaultMessageTimeToLive = Duration(Value()); break;
                    case "--dead-letter-on-expiration": template.DeadLetteringOnMessageExpiration = true; break;
                    case "--no-auto-create": options.AutoCreateQueues = false; break;
                    default: throw new FormatException($"Unknown option '{args[i]}'.");
                }
            }
        }
        catch (FormatException exception)
        {
            error = exception.Message;
            options = null;
            return false;
        }

        foreach (var name in names)
        {
            options.Queues.Add(new QueueOptions(name)
            {
                LockDuration = template.LockDuration,
                MaxDeliveryCount = template.MaxDeliveryCount,
                DuplicateDetectionWindow = template.DuplicateDetectionWindow,
                DefaultMessageTimeToLive = template.DefaultMessageTimeToLive,
                DeadLetteringOnMessageExpiration = template.DeadLetteringOnMessageExpiration,
            });
        }

        return true;
    }

    static TimeSpan Duration(string text) => TimeSpan.Parse(text, CultureInfo.InvariantCulture);
}
