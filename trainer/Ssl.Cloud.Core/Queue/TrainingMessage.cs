using Azure.Messaging.ServiceBus;
using Ssl.Cloud.Core.Contracts;

namespace Ssl.Cloud.Core.Queue;

/// <summary>The Service Bus message of a training request: body = the request JSON,
/// MessageId = the run id, so the broker's duplicate detection drops a second submit of one run.</summary>
public static class TrainingMessage
{
    public const string ContentType = "application/json";
    public const string Subject = "training-request";
    public const string SchemaVersionProperty = "schemaVersion";

    public static ServiceBusMessage Create(TrainingRequest request) => new(ContractJson.Serialize(request))
    {
        MessageId = request.RunId,
        ContentType = ContentType,
        Subject = Subject,
        ApplicationProperties = { [SchemaVersionProperty] = request.SchemaVersion },
    };

    /// <summary>The request a received message carries.</summary>
    /// <exception cref="DocumentFormatException">The body is not a request of a version this build reads
    /// (the worker dead-letters such a message with this exception's message as the reason).</exception>
    public static TrainingRequest Read(ServiceBusReceivedMessage message)
    {
        var document = $"message '{message.MessageId}'";
        var request = ContractJson.Deserialize<TrainingRequest>(message.Body, document);
        return request.RunId == message.MessageId
            ? request
            : throw new DocumentFormatException(document,
                $"carries run '{request.RunId}' but its MessageId is '{message.MessageId}'");
    }
}
