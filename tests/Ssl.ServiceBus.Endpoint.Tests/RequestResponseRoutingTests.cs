using Microsoft.Azure.Amqp.Framing;
using Ssl.ServiceBus.Endpoint.Broker;

namespace Ssl.ServiceBus.Endpoint.Tests;

/// <summary>Which reply link a <c>$cbs</c> or <c>$management</c> response goes out on, for the link shapes that
/// clients other than the .NET SDK attach.</summary>
public sealed class RequestResponseRoutingTests
{
    [Fact]
    public async Task A_reply_link_without_a_target_address_gets_the_responses_sent_to_its_link_name()
    {
        await using var endpoint = await StartAsync();
        await using var client = await CbsClient.ConnectAsync(endpoint);
        // rhea's shape, as @azure/core-amqp attaches it for $cbs: an empty target, the link named after the reply-to.
        var replies = await client.AttachReplyLinkAsync("cbs-7", targetAddress: null);
        var requests = await client.AttachRequestLinkAsync();

        var outcome = await CbsClient.PutTokenAsync(requests, "request-1", replyTo: "cbs-7");

        Assert.IsType<Accepted>(outcome);
        Assert.Equal(("request-1", 200), await CbsClient.ResponseAsync(replies));
    }

    [Fact]
    public async Task Two_connections_with_the_same_reply_address_each_get_their_own_responses()
    {
        await using var endpoint = await StartAsync();
        await using var first = await CbsClient.ConnectAsync(endpoint);
        await using var second = await CbsClient.ConnectAsync(endpoint);
        var firstReplies = await first.AttachReplyLinkAsync("replies", ServiceBusNames.CbsAddress);
        var secondReplies = await second.AttachReplyLinkAsync("replies", ServiceBusNames.CbsAddress);

        await CbsClient.PutTokenAsync(await first.AttachRequestLinkAsync(), "from-first", ServiceBusNames.CbsAddress);
        await CbsClient.PutTokenAsync(await second.AttachRequestLinkAsync(), "from-second", ServiceBusNames.CbsAddress);

        Assert.Equal(("from-first", 200), await CbsClient.ResponseAsync(firstReplies));
        Assert.Equal(("from-second", 200), await CbsClient.ResponseAsync(secondReplies));
    }

    [Fact]
    public async Task A_request_without_a_reply_to_is_answered_on_the_only_reply_link_of_its_session()
    {
        await using var endpoint = await StartAsync();
        await using var client = await CbsClient.ConnectAsync(endpoint);
        var replies = await client.AttachReplyLinkAsync("cbs-receiver", "cbs-replies");
        var requests = await client.AttachRequestLinkAsync();

        await CbsClient.PutTokenAsync(requests, "no-reply-to", replyTo: null);

        Assert.Equal(("no-reply-to", 200), await CbsClient.ResponseAsync(replies));
    }

    [Fact]
    public async Task A_request_that_no_reply_link_can_take_is_rejected_naming_its_reply_to()
    {
        await using var endpoint = await StartAsync();
        await using var client = await CbsClient.ConnectAsync(endpoint);
        var requests = await client.AttachRequestLinkAsync();

        var outcome = await CbsClient.PutTokenAsync(requests, "lost", replyTo: "nowhere");

        var rejected = Assert.IsType<Rejected>(outcome);
        Assert.Contains("'nowhere'", rejected.Error.Description);
    }

    static Task<ServiceBusEndpoint> StartAsync() =>
        ServiceBusEndpoint.StartAsync(new EndpointOptions { Queues = { new QueueOptions(TestQueue.Name) } });
}
