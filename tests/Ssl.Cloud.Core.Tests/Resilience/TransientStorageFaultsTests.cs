using System.Net.Sockets;
using Azure;
using Polly.Timeout;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Resilience;
using Ssl.Cloud.Core.Storage;

namespace Ssl.Cloud.Core.Tests.Resilience;

public sealed class TransientStorageFaultsTests
{
    public static TheoryData<Exception, bool> Cases() => new()
    {
        { new RequestFailedException(503, "Server busy"), true },
        { new RequestFailedException(500, "Internal"), true },
        { new RequestFailedException(429, "Throttled"), true },
        { new RequestFailedException(408, "Timeout"), true },
        { new RequestFailedException("no response"), true },
        { new IOException("connection reset"), true },
        { new HttpRequestException("socket closed"), true },
        { new SocketException(), true },
        { new TimeoutRejectedException(), true },
        {
            new AggregateException("Retry failed after 3 tries.", new IOException("reset"),
                new RequestFailedException(503, "busy")),
            true
        },
        { new AggregateException(new IOException("reset"), new RequestFailedException(404, "BlobNotFound")), false },
        { new RequestFailedException(404, "BlobNotFound"), false },
        { new RequestFailedException(409, "BlobAlreadyExists"), false },
        { new RequestFailedException(412, "ConditionNotMet"), false },
        { new RequestFailedException(403, "AuthorizationFailure"), false },
        { new OperationCanceledException(), false },
        { new ConcurrencyConflictException("runs/r/status.json"), false },
        { new DocumentFormatException("doc", "bad"), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Only_faults_that_a_later_try_can_fix_count_as_transient(Exception fault, bool transient) =>
        Assert.Equal(transient, TransientStorageFaults.IsTransient(fault));

    [Fact]
    public void The_blob_sdk_retries_a_request_at_most_twice_with_short_delays_unless_told_otherwise()
    {
        var options = StorageResilience.CreateBlobClientOptions();

        Assert.Equal(2, options.Retry.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(200), options.Retry.Delay);
        Assert.Equal(TimeSpan.FromMilliseconds(1600), options.Retry.MaxDelay);
        Assert.Equal(0, StorageResilience.CreateBlobClientOptions(new StorageResilienceOptions { SdkMaxRetries = 0 })
            .Retry.MaxRetries);
    }
}
