using Azure;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;

namespace Ssl.Cloud.Core.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class RunStoreStatusTests(AzuriteFixture azurite)
{
    async Task<RunStore> StoreAsync() => new(await azurite.CreateContainerAsync("runs"));

    async Task<(RunStore Store, string RunId)> CreatedRunAsync()
    {
        var store = await StoreAsync();
        var runId = TestData.RunId();
        await store.CreateAsync(TestData.Request(runId));
        return (store, runId);
    }

    [Fact]
    public async Task Creating_a_run_writes_its_request_and_a_queued_status()
    {
        var (store, runId) = await CreatedRunAsync();

        Assert.Equal(ContractJson.SerializeToString(TestData.Request(runId)),
            ContractJson.SerializeToString((await store.GetRequestAsync(runId))!));
        var status = await store.GetStatusAsync(runId);
        Assert.Equal(RunState.Queued, status!.Value.State);
        Assert.Equal(runId, status.Value.RunId);
    }

    [Fact]
    public async Task Ensuring_a_status_creates_a_queued_one_for_an_unknown_run_and_leaves_an_existing_one_alone()
    {
        var (store, runId) = await CreatedRunAsync();
        await store.UpdateStatusAsync(runId, s => s.BeginAttempt("worker-a", TestData.Now));
        var unknown = TestData.RunId();

        await store.EnsureStatusAsync(runId);
        await store.EnsureStatusAsync(unknown);

        Assert.Equal(RunState.Preparing, (await store.GetStatusAsync(runId))!.Value.State);
        Assert.Equal(RunState.Queued, (await store.GetStatusAsync(unknown))!.Value.State);
    }

    [Fact]
    public async Task Submitting_the_same_request_twice_is_accepted_and_changes_nothing()
    {
        var (store, runId) = await CreatedRunAsync();
        await store.UpdateStatusAsync(runId, s => s.BeginAttempt("worker-a", TestData.Now));

        await store.CreateAsync(TestData.Request(runId));

        Assert.Equal(RunState.Preparing, (await store.GetStatusAsync(runId))!.Value.State);
    }

    [Fact]
    public async Task A_different_request_under_an_existing_run_id_is_refused_and_the_first_one_stays()
    {
        var (store, runId) = await CreatedRunAsync();

        await Assert.ThrowsAsync<RunAlreadyExistsException>(
            () => store.CreateAsync(TestData.Request(runId) with { Epochs = 1 }));

        Assert.Equal(800, (await store.GetRequestAsync(runId))!.Epochs);
    }

    [Fact]
    public async Task A_run_that_does_not_exist_has_no_request_and_no_status()
    {
        var store = await StoreAsync();

        Assert.Null(await store.GetRequestAsync("no-such-run"));
        Assert.Null(await store.GetStatusAsync("no-such-run"));
        await Assert.ThrowsAsync<RunNotFoundException>(() => store.UpdateStatusAsync("no-such-run", s => s));
    }

    [Fact]
    public async Task A_stale_writer_gets_a_conflict_and_overwrites_nothing()
    {
        var (store, runId) = await CreatedRunAsync();
        var read = (await store.GetStatusAsync(runId))!;

        await store.ReplaceStatusAsync(read.Value.BeginAttempt("worker-a", TestData.Now), read.ETag);
        var error = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            store.ReplaceStatusAsync(read.Value.BeginAttempt("worker-b", TestData.Now), read.ETag));

        Assert.EndsWith($"/{runId}/status.json", error.Document);
        Assert.Equal("worker-a", (await store.GetStatusAsync(runId))!.Value.OpenAttempt!.WorkerId);
    }

    [Fact]
    public async Task An_update_that_loses_a_race_reapplies_its_change_to_the_newer_status()
    {
        var (store, runId) = await CreatedRunAsync();
        var calls = 0;

        var result = await store.UpdateStatusAsync(runId, s =>
        {
            if (++calls == 1)
            {
                // Another writer slips in between our read and our write.
                var theirs = store.GetStatusAsync(runId).GetAwaiter().GetResult()!;
                store.ReplaceStatusAsync(theirs.Value with { CancelRequested = true }, theirs.ETag).GetAwaiter()
                    .GetResult();
            }
            return s.BeginAttempt("worker-a", TestData.Now);
        });

        Assert.Equal(2, calls);
        var stored = (await store.GetStatusAsync(runId))!.Value;
        Assert.True(stored.CancelRequested);
        Assert.Equal("worker-a", stored.OpenAttempt!.WorkerId);
        Assert.Equal(ContractJson.SerializeToString(result), ContractJson.SerializeToString(stored));
    }

    [Fact]
    public async Task Concurrent_updates_from_many_writers_lose_none_of_them()
    {
        var (store, runId) = await CreatedRunAsync();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => store.UpdateStatusAsync(runId, s => s.BeginAttempt($"worker-{i}", TestData.Now)))));

        var attempts = (await store.GetStatusAsync(runId))!.Value.Attempts;
        Assert.Equal(Enumerable.Range(1, 8), attempts.Select(a => a.Number));
        Assert.Equal(8, attempts.Select(a => a.WorkerId).Distinct().Count());
    }

    [Fact]
    public async Task An_illegal_transition_is_refused_and_nothing_is_written()
    {
        var (store, runId) = await CreatedRunAsync();
        var before = (await store.GetStatusAsync(runId))!;

        await Assert.ThrowsAsync<InvalidRunTransitionException>(() =>
            store.UpdateStatusAsync(runId, s => s.MoveTo(RunState.Succeeded, TestData.Now)));

        Assert.Equal(before.ETag, (await store.GetStatusAsync(runId))!.ETag);
    }

    [Fact]
    public async Task An_update_that_changes_nothing_writes_nothing()
    {
        var (store, runId) = await CreatedRunAsync();
        var before = (await store.GetStatusAsync(runId))!;

        await store.UpdateStatusAsync(runId, s => s with { });

        Assert.Equal(before.ETag, (await store.GetStatusAsync(runId))!.ETag);
    }

    [Fact]
    public async Task Cancelling_a_queued_run_ends_it_and_cancelling_a_live_run_raises_its_flag()
    {
        var (store, queued) = await CreatedRunAsync();
        var live = TestData.RunId();
        await store.CreateAsync(TestData.Request(live));
        await store.UpdateStatusAsync(live,
            s => s.BeginAttempt("worker-a", TestData.Now).MoveTo(RunState.Training, TestData.Now));

        await store.RequestCancelAsync(queued);
        await store.RequestCancelAsync(live);

        Assert.Equal(RunState.Cancelled, (await store.GetStatusAsync(queued))!.Value.State);
        Assert.Equal(RunState.Training, (await store.GetStatusAsync(live))!.Value.State);
        Assert.True(await store.IsCancelRequestedAsync(live));
    }

    [Fact]
    public async Task A_status_blob_of_an_unknown_schema_version_is_reported_with_its_path()
    {
        var (store, runId) = await CreatedRunAsync();
        await store.Container.GetBlobClient(BlobLayout.RunStatus(runId))
            .UploadAsync(BinaryData.FromString("""{ "schemaVersion": 9 }"""), overwrite: true);

        var error = await Assert.ThrowsAsync<UnsupportedSchemaVersionException>(() => store.GetStatusAsync(runId));

        Assert.Equal($"{store.Container.Name}/{runId}/status.json", error.Document);
        Assert.Equal(9, error.Version);
    }

    [Fact]
    public async Task ETags_change_with_every_write()
    {
        var (store, runId) = await CreatedRunAsync();
        var first = (await store.GetStatusAsync(runId))!;

        var second = await store.ReplaceStatusAsync(first.Value.RequestCancel(TestData.Now), first.ETag);

        Assert.NotEqual(first.ETag, second.ETag);
        Assert.NotEqual(default(ETag), second.ETag);
    }
}
