namespace Ssl.ServiceBus.Endpoint.Tests;

/// <summary>The endpoint serves clients other than the .NET SDK: the JavaScript SDK (npm @azure/service-bus,
/// on rhea) attaches its <c>$cbs</c> reply link without a target address, which real Service Bus accepts.</summary>
public sealed class JavaScriptClientTests
{
    [Fact]
    public async Task The_JavaScript_SDK_sends_receives_renews_a_lock_completes_and_gets_one_copy_of_a_duplicate()
    {
        await using var endpoint = await ServiceBusEndpoint.StartAsync(new EndpointOptions
        {
            Queues = { new QueueOptions(TestQueue.Name) { DuplicateDetectionWindow = TimeSpan.FromMinutes(10) } },
        });

        var run = await NodeScript.RunAsync("journey.cjs", Settings(endpoint, TestQueue.Name));

        Assert.True(run.ExitCode == 0, $"journey.cjs exited with {run.ExitCode}:\n{run.Errors}");
        Assert.Equal(
            [
                "sent js-1",
                "sent js-1 again",
                "sent js-2 js-3 in one batch",
                "peeked js-1 js-2 js-3",
                "received js-1 js-2 js-3 with bodies first second third",
                "renewed the lock of js-1",
                "completed js-1 js-2 js-3",
                "peeked nothing",
            ],
            run.Output);
        var queue = endpoint.Queue(TestQueue.Name);
        Assert.Equal(1, queue.DroppedDuplicateCount);
        Assert.Equal(0, queue.ActiveCount + queue.LockedCount + queue.DeadLetterCount);
    }

    [Fact]
    public async Task The_JavaScript_SDK_abandons_dead_letters_subscribes_schedules_and_receives_and_deletes()
    {
        await using var endpoint = await ServiceBusEndpoint.StartAsync(new EndpointOptions
        {
            Queues = { new QueueOptions(TestQueue.Name) },
        });

        var run = await NodeScript.RunAsync("settlements.cjs", Settings(endpoint, TestQueue.Name));

        Assert.True(run.ExitCode == 0, $"settlements.cjs exited with {run.ExitCode}:\n{run.Errors}");
        Assert.Equal(
            [
                "sent s-1, one without a MessageId, s-2",
                "abandoned s-1, received s-1 again with delivery count 1 and attempt first",
                "dead-lettered s-1 (bad: very bad) and completed it in the dead-letter queue",
                "received the message sent without a MessageId with one, and completed it",
                "subscribe() received and completed s-2",
                "scheduled s-3 an hour ahead and cancelled it",
                "received and deleted s-4",
            ],
            run.Output);
        var queue = endpoint.Queue(TestQueue.Name);
        Assert.Equal(0, queue.ActiveCount + queue.LockedCount + queue.ScheduledCount + queue.DeadLetterCount);
    }

    [Fact]
    public async Task A_step_that_fails_fails_the_script_and_names_the_step()
    {
        var options = new EndpointOptions { AutoCreateQueues = false };
        await using var endpoint = await ServiceBusEndpoint.StartAsync(options);

        var run = await NodeScript.RunAsync("journey.cjs", Settings(endpoint, "missing"));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Empty(run.Output);
        Assert.Contains("FAILED at send:", run.Errors);
        Assert.Contains("missing", run.Errors);
    }

    static Dictionary<string, string> Settings(ServiceBusEndpoint endpoint, string queue) => new()
    {
        ["SERVICEBUS_CONNECTION_STRING"] = endpoint.ConnectionString,
        ["SERVICEBUS_QUEUE"] = queue,
    };
}
