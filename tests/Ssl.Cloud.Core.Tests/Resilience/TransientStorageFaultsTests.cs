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
    public void The_blob_sdk_does_not_retry_on_its_own_by_default()
    {
        var options = StorageResilience.CreateBlobClientOptions();

        Assert.Equal(0, options.Retry.MaxRetries);
        Assert.Equal(2, StorageResilience.CreateBlobClientOptions(new StorageResilienceOptions { SdkMaxRetries = 2 }).Retry.MaxRetries);
    }
}
