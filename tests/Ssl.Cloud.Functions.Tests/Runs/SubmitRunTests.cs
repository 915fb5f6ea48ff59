using Azure.Messaging.ServiceBus;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Queue;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Core.Submission;
using Ssl.Cloud.Functions.Runs;
using Ssl.Cloud.Functions.Tests.Support;

namespace Ssl.Cloud.Functions.Tests.Runs;

[Collection(AzuriteCollection.Name)]
public sealed class SubmitRunTests(AzuriteFixture azurite) : IAsyncLifetime
{
    TestApp app = null!;

    public async Task InitializeAsync() =>
        app = await TestApp.StartAsync(azurite,
            settings: new Dictionary<string, string?> { ["Pipeline:MaxRequestBytes"] = "2048" });

    public async Task DisposeAsync() => await app.DisposeAsync();

    static object Body(string runId = "run-0001", int epochs = 10) =>
        new
        {
            runId, datasetId = "pets", method = "simsiam", encoder = "resnet18", epochs, batchSize = 256,
            hyperParameters = new { lr = 0.06 },
        };

    Task<Microsoft.AspNetCore.Mvc.IActionResult> Submit(object body) =>
        app.Function<SubmitRun>().Run(HttpRequests.Post(body), default);

    [Fact]
    public async Task A_valid_submit_stores_the_request_queues_the_run_and_sends_one_message_keyed_by_run_id()
    {
        var result = await Submit(Body());

        Assert.Equal(202, Answers.Status(result));
        var accepted = Answers.Value<RunAccepted>(result);
        Assert.Equal(("run-0001", RunState.Queued, true), (accepted.RunId, accepted.State, accepted.Created));
        var store = app.Get<RunStore>();
        var request = await store.GetRequestAsync("run-0001");
        Assert.Equal(("pets", "simsiam", 10, 256),
            (request!.DatasetId, request.Method, request.Epochs, request.BatchSize));
        Assert.Equal(0.06, request.HyperParameters["lr"].GetDouble());
        Assert.Equal(RunState.Queued, (await store.GetStatusAsync("run-0001"))!.Value.State);
        var message = Assert.Single(app.Queue.Messages());
        Assert.Equal("run-0001", message.MessageId);
    }

    [Fact]
    public async Task The_same_submit_twice_is_one_run_and_one_message()
    {
        var first = await Submit(Body());
        var second = await Submit(Body());

        Assert.Equal(202, Answers.Status(second));
        Assert.True(Answers.Value<RunAccepted>(first).Created);
        Assert.False(Answers.Value<RunAccepted>(second).Created);
        Assert.Single(app.Queue.Messages());
        Assert.Equal(1, app.Queue.ActiveCount);
    }

    [Fact]
    public async Task A_submit_without_a_run_id_gets_a_fresh_one_each_time()
    {
        var body = new { datasetId = "pets", method = "byol", encoder = "convnet", epochs = 1, batchSize = 8 };

        var a = Answers.Value<RunAccepted>(await Submit(body));
        var b = Answers.Value<RunAccepted>(await Submit(body));

        Assert.NotEqual(a.RunId, b.RunId);
        Assert.Equal(2, app.Queue.ActiveCount);
    }

    [Theory]
    [InlineData("builtin")]
    [InlineData("builtin-512-128")]
    public async Task A_run_on_the_workers_synthetic_dataset_needs_no_upload(string datasetId)
    {
        var result = await Submit(new { runId = "run-builtin", datasetId, method = "simclr", encoder = "convnet",
            epochs = 1, batchSize = 8 });

        Assert.Equal(202, Answers.Status(result));
        Assert.Equal("run-builtin", Assert.Single(app.Queue.Messages()).MessageId);
    }

    [Fact]
    public async Task A_run_on_fashion_mnist_is_refused_saying_the_trainer_image_lacks_it_and_what_to_do()
    {
        var result = await Submit(new { runId = "run-fmnist", datasetId = "fashion-mnist", method = "simclr",
            encoder = "convnet", epochs = 1, batchSize = 8 });

        Assert.Equal(400, Answers.Status(result));
        Assert.Equal(["datasetId"], Answers.InvalidFields(result));
        var problem = Assert.IsType<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>(
            Assert.IsType<Microsoft.AspNetCore.Mvc.BadRequestObjectResult>(result).Value);
        Assert.Contains("trainer image does not ship its files", problem.Errors["datasetId"][0]);
        Assert.Empty(app.Queue.Messages());
    }

    [Fact]
    public async Task An_invalid_request_is_refused_with_every_bad_field_listed_and_nothing_stored_or_sent()
    {
        var result = await Submit(new
        {
            runId = "run-0002", datasetId = "Not_An_Id", encoder = "vit-h", epochs = 0, batchSize = -1
        });

        Assert.Equal(400, Answers.Status(result));
        Assert.Equal(["batchSize", "datasetId", "encoder", "epochs", "method"],
            Answers.InvalidFields(result).Order(StringComparer.Ordinal));
        Assert.Null(await app.Get<RunStore>().GetStatusAsync("run-0002"));
        Assert.Empty(app.Queue.Messages());
    }

    [Fact]
    public async Task A_misspelt_member_is_refused_rather_than_dropped()
    {
        var result = await app.Function<SubmitRun>().Run(HttpRequests.Post(
            """{"runId":"run-0003","datasetId":"pets","method":"simsiam","encoder":"resnet18","epochs":""" +
            """1,"batchSize":8,"epoch":5}"""), default);

        Assert.Equal(400, Answers.Status(result));
        Assert.Contains("epoch", Answers.InvalidFields(result));
        Assert.Empty(app.Queue.Messages());
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_refused_naming_its_field()
    {
        var result = await app.Function<SubmitRun>().Run(HttpRequests.Post("""{"datasetId":"pets","epochs":"ten"}"""),
            default);

        Assert.Equal(["epochs"], Answers.InvalidFields(result));
    }

    [Fact]
    public async Task A_body_over_the_size_cap_is_refused_with_413()
    {
        var result = await Submit(new
        {
            runId = "run-0004", datasetId = "pets", method = "simsiam", encoder = "resnet18", epochs = 1, batchSize = 8,
            hyperParameters = new { note = new string('x', 4096) },
        });

        Assert.Equal(413, Answers.Status(result));
        Assert.Empty(app.Queue.Messages());
    }

    [Fact]
    public async Task A_different_request_under_a_taken_run_id_is_a_conflict_and_the_first_stands()
    {
        await Submit(Body(epochs: 10));

        var result = await Submit(Body(epochs: 20));

        Assert.Equal(409, Answers.Status(result));
        Assert.Equal(10, (await app.Get<RunStore>().GetRequestAsync("run-0001"))!.Epochs);
        Assert.Single(app.Queue.Messages());
    }

    [Fact]
    public async Task A_submit_that_stored_the_run_but_died_before_sending_is_completed_by_its_retry()
    {
        // The first try got as far as the blobs (Core's CreateAsync), then the process died.
        var (request, _) = app.Get<RunService>().Prepare(new RunSubmission
        {
            RunId = "run-0005", DatasetId = "pets", Method = "simsiam", Encoder = "resnet18", Epochs = 1, BatchSize = 8,
        });
        await app.Get<RunStore>().CreateAsync(request);
        Assert.Empty(app.Queue.Messages());

        await Submit(new
        {
            runId = "run-0005", datasetId = "pets", method = "simsiam", encoder = "resnet18", epochs = 1, batchSize = 8,
        });

        Assert.Equal("run-0005", Assert.Single(app.Queue.Messages()).MessageId);
    }

    [Fact]
    public async Task The_message_carries_the_stored_request()
    {
        await Submit(Body());

        await using var receiver = app.Get<ServiceBusClient>().CreateReceiver(TestApp.QueueName);
        var message = await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10));
        var stored = await app.Get<RunStore>().GetRequestAsync("run-0001");
        Assert.Equal(TrainingMessage.Subject, message.Subject);
        Assert.Equal(ContractJson.SerializeToString(stored!),
            ContractJson.SerializeToString(TrainingMessage.Read(message)));
    }

    [Fact]
    public async Task A_time_budget_is_accepted_instead_of_epochs_and_stored_with_the_request()
    {
        var result = await Submit(new
        {
            runId = "run-0006", datasetId = "pets", method = "simsiam", encoder = "resnet18", minutes = 12.5,
        });

        Assert.Equal(202, Answers.Status(result));
        Assert.Equal(12.5, (await app.Get<RunStore>().GetRequestAsync("run-0006"))!.Minutes);
    }

    [Fact]
    public async Task A_time_budget_with_epochs_or_out_of_range_is_refused_naming_minutes()
    {
        var both = await Submit(new { datasetId = "pets", method = "simsiam", encoder = "resnet18", epochs = 3,
            minutes = 5 });
        var zero = await Submit(new { datasetId = "pets", method = "simsiam", encoder = "resnet18", minutes = 0 });

        Assert.Equal(["minutes"], Answers.InvalidFields(both));
        Assert.Equal(["minutes"], Answers.InvalidFields(zero));
        Assert.Empty(app.Queue.Messages());
    }
}
