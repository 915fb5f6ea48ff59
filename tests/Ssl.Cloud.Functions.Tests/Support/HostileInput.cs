using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;

namespace Ssl.Cloud.Functions.Tests.Support;

/// <summary>Hostile and wrong input at the API, over real HTTP to the API host: each gets a status code and a problem
/// that names the field or the file, and nothing is left half-written (no run, no message, no schedule, no
/// dataset). One class per resource derives from this; each test gets a fresh API host.</summary>
public abstract class HostileInput(AzuriteFixture azurite) : IAsyncLifetime
{
    protected ApiServer api = null!;

    public async Task InitializeAsync() => api = await ApiServer.StartAsync(azurite);

    public async Task DisposeAsync() => await api.DisposeAsync();

    protected static object Run(string runId, string datasetId = TestApp.ReadyDataset, string method = "simsiam",
        string encoder = "convnet", string? warmStartRunId = null, object? hyperParameters = null) =>
        new
        {
            runId, datasetId, method, encoder, epochs = 1, batchSize = 8, warmStartRunId,
            hyperParameters = hyperParameters ?? new { }
        };

    protected async Task AssertNoRunAsync(string runId)
    {
        Assert.Null(await api.Get<RunStore>().GetStatusAsync(runId));
        Assert.Null(await api.Get<RunStore>().GetRequestAsync(runId));
        Assert.DoesNotContain(api.Queue.Messages(), m => m.MessageId == runId);
    }

    protected async Task SucceededRunAsync(
        string runId, string method = "simsiam", string encoder = "convnet", object? hyperParameters = null)
    {
        Assert.Equal(202, (await api.PostAsync("/api/runs",
            Run(runId, method: method, encoder: encoder, hyperParameters: hyperParameters))).Status);
        var store = api.Get<RunStore>();
        var status = (await store.GetStatusAsync(runId))!;
        await store.ReplaceStatusAsync(status.Value with { State = RunState.Succeeded }, status.ETag);
    }
}
