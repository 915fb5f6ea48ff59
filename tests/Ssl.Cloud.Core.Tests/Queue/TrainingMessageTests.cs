using Azure.Messaging.ServiceBus;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Queue;

namespace Ssl.Cloud.Core.Tests.Queue;

/// <summary>The message shape, without a broker; <see cref="TrainingQueueTests"/> sends it through one.</summary>
public sealed class TrainingMessageTests
{
    [Fact]
    public void The_message_id_is_the_run_id_so_that_the_broker_drops_a_second_submit()
    {
        var message = TrainingMessage.Create(TestData.Request("run-0042"));

        Assert.Equal("run-0042", message.MessageId);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal("training-request", message.Subject);
        Assert.Equal(1, message.ApplicationProperties["schemaVersion"]);
    }

    [Fact]
    public void The_body_is_the_request_json_byte_for_byte() =>
        Assert.Equal(ContractJson.Serialize(TestData.Request()),
            TrainingMessage.Create(TestData.Request()).Body.ToArray());

    [Fact]
    public void A_received_message_reads_back_as_the_request_it_carries()
    {
        var sent = TrainingMessage.Create(TestData.Request("run-0042"));
        var received = ServiceBusModelFactory.ServiceBusReceivedMessage(body: sent.Body, messageId: sent.MessageId);

        var request = TrainingMessage.Read(received);

        Assert.Equal(ContractJson.SerializeToString(TestData.Request("run-0042")),
            ContractJson.SerializeToString(request));
    }

    [Fact]
    public void A_malformed_body_is_refused_with_a_reason_that_names_the_message()
    {
        var received = ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromString("not json"), messageId: "run-0042");

        var error = Assert.ThrowsAny<DocumentFormatException>(() => TrainingMessage.Read(received));

        Assert.StartsWith("message 'run-0042': is not valid JSON", error.Message);
    }

    [Fact]
    public void A_body_of_an_unknown_version_is_refused_naming_the_version()
    {
        var received = ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromString("""{ "schemaVersion": 3 }"""), messageId: "run-0042");

        var error = Assert.Throws<UnsupportedSchemaVersionException>(() => TrainingMessage.Read(received));

        Assert.Equal(3, error.Version);
    }

    [Fact]
    public void A_body_for_another_run_than_its_message_id_is_refused()
    {
        var received = ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: TrainingMessage.Create(TestData.Request("run-0001")).Body, messageId: "run-0002");

        var error = Assert.Throws<DocumentFormatException>(() => TrainingMessage.Read(received));

        Assert.Contains("carries run 'run-0001' but its MessageId is 'run-0002'", error.Message);
    }
}
