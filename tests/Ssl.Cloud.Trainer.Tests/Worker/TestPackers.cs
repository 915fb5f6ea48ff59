using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Trainer.Worker;

namespace Ssl.Cloud.Trainer.Tests.Worker;

/// <summary>The worker's dataset services wired as <c>WorkerServices</c> wires them, for tests without a
/// host.</summary>
static class TestPackers
{
    public static DatasetPacker Packer(DatasetStore store, IOptions<WorkerOptions> options) =>
        new(store, new AcceptedFileDownloader(store, options, NullLogger<AcceptedFileDownloader>.Instance), options,
            TimeProvider.System, NullLogger<DatasetPacker>.Instance);

    public static DatasetResolver Resolver(DatasetStore store, IOptions<WorkerOptions> options) =>
        new(store, Packer(store, options), new PackDownloader(store, options, NullLogger<PackDownloader>.Instance),
            options, NullLogger<DatasetResolver>.Instance);
}
