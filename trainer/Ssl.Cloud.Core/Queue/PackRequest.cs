using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Ssl.Cloud.Core.Validation;

namespace Ssl.Cloud.Core.Queue;

/// <summary>A request to pack dataset <see cref="DatasetId"/> at <see cref="Resolution"/>: the body of a message on
/// the pack queue. MessageId = <c>pack-{datasetId}-{resolution}</c>, so the broker drops a second request for the
/// same pack while the first is pending.</summary>
public sealed record PackRequest(string DatasetId, int Resolution)
{
    public const string Subject = "pack-request";
    public const int MaxResolution = 1024;

    /// <summary>The resolution uploaded datasets are trained at, so the one a Ready dataset is packed at (the
    /// trainer's <c>DatasetCatalog.DefaultFolderResolution</c>; a test ties the two).</summary>
    public const int TrainingResolution = 32;

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public ServiceBusMessage ToMessage() => new(BinaryData.FromObjectAsJson(Check(), Json))
    {
        MessageId = $"pack-{DatasetId}-{Resolution}",
        ContentType = "application/json",
        Subject = Subject,
    };

    /// <exception cref="FormatException">Not a pack request; the message says which field is wrong.</exception>
    public static PackRequest Read(ServiceBusReceivedMessage message)
    {
        PackRequest? request;
        try
        {
            request = message.Body.ToObjectFromJson<PackRequest>(Json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"message '{message.MessageId}' is not a pack request: {e.Message}", e);
        }
        return (request ?? throw new FormatException($"message '{message.MessageId}' has an empty body")).Check();
    }

    PackRequest Check()
    {
        if (!Identifier.IsValid(DatasetId))
            throw new FormatException($"datasetId '{DatasetId}' is not an identifier ([a-z0-9-]{{3,63}})");
        if (Resolution is < 1 or > MaxResolution)
            throw new FormatException($"resolution {Resolution} must be 1 to {MaxResolution}");
        return this;
    }
}
