using Azure.Storage.Blobs.Specialized;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Tests.Azurite;

namespace Ssl.Cloud.Core.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class RunLeaseTests(AzuriteFixture azurite)
{
    static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);

    async Task<(RunStore Store, string RunId)> CreatedRunAsync()
    {
        var store = new RunStore(await azurite.CreateContainerAsync("lease"));
        var runId = TestData.RunId();
        await store.CreateAsync(TestData.Request(runId));
        return (store, runId);
    }

    [Fact]
    public async Task A_second_worker_cannot_take_a_run_another_worker_holds()
    {
        var (store, runId) = await CreatedRunAsync();

        await using var first = await store.TryAcquireLeaseAsync(runId, Duration);
        var second = await store.TryAcquireLeaseAsync(runId, Duration);

        Assert.NotNull(first);
        Assert.Null(second);
    }

    [Fact]
    public async Task Once_released_the_run_can_be_taken_by_another_worker()
    {
        var (store, runId) = await CreatedRunAsync();
        var first = (await store.TryAcquireLeaseAsync(runId, Duration))!;

        await first.ReleaseAsync();
        await using var second = await store.TryAcquireLeaseAsync(runId, Duration);

        Assert.NotNull(second);
        Assert.NotEqual(first.LeaseId, second.LeaseId);
    }

    [Fact]
    public async Task The_holder_can_renew_its_lease()
    {
        var (store, runId) = await CreatedRunAsync();
        await using var lease = (await store.TryAcquireLeaseAsync(runId, Duration))!;

        await lease.RenewAsync();

        Assert.Null(await store.TryAcquireLeaseAsync(runId, Duration));
    }

    [Fact]
    public async Task A_worker_whose_lease_was_taken_learns_it_on_renewal()
    {
        var (store, runId) = await CreatedRunAsync();
        var stale = (await store.TryAcquireLeaseAsync(runId, Duration))!;
        // Breaking stands in for expiry: the lease ends at once instead of after 15 s.
        await store.Container.GetBlobClient(BlobLayout.RunRequest(runId)).GetBlobLeaseClient()
            .BreakAsync(TimeSpan.Zero);
        await using var current = await store.TryAcquireLeaseAsync(runId, Duration);

        var error = await Assert.ThrowsAsync<LeaseLostException>(() => stale.RenewAsync());

        Assert.NotNull(current);
        Assert.Equal($"run '{runId}'", error.Name);
        await stale.ReleaseAsync(); // nothing to release any more, and no error
        Assert.Null(await store.TryAcquireLeaseAsync(runId, Duration));
    }

    [Fact]
    public async Task Status_updates_and_cancel_requests_go_through_while_a_worker_holds_the_lease()
    {
        var (store, runId) = await CreatedRunAsync();
        await using var lease = await store.TryAcquireLeaseAsync(runId, Duration);

        await store.UpdateStatusAsync(runId,
            s => s.BeginAttempt("worker-a", TestData.Now).MoveTo(RunState.Training, TestData.Now));
        await store.RequestCancelAsync(runId);

        Assert.True(await store.IsCancelRequestedAsync(runId));
    }

    [Fact]
    public async Task Taking_the_lease_of_a_run_that_does_not_exist_says_so()
    {
        var store = new RunStore(await azurite.CreateContainerAsync("lease"));

        await Assert.ThrowsAsync<RunNotFoundException>(() => store.TryAcquireLeaseAsync("no-such-run", Duration));
    }

    [Theory]
    [InlineData(14)]
    [InlineData(61)]
    public async Task Lease_durations_outside_what_blob_storage_allows_are_refused(int seconds)
    {
        var store = new RunStore(await azurite.CreateContainerAsync("lease"));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => store.TryAcquireLeaseAsync("run-1", TimeSpan.FromSeconds(seconds)));
    }
}
