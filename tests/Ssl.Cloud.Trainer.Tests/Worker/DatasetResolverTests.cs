using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Trainer.Worker;
using Ssl.Training.Data;

namespace Ssl.Cloud.Trainer.Tests.Worker;

public sealed class DatasetResolverTests
{
    // Built-in names never reach storage, so a client of an address nothing listens on will do.
    static readonly DatasetStore Nowhere = new(new BlobContainerClient(new Uri("http://127.0.0.1:9/account/datasets")));
    static readonly IOptions<WorkerOptions> Defaults = Options.Create(new WorkerOptions());

    readonly DatasetResolver resolver = TestPackers.Resolver(Nowhere, Defaults);

    [Theory]
    [InlineData("builtin", "builtin")]
    [InlineData("builtin-512", "builtin:512")]
    [InlineData("builtin-512-256", "builtin:512,256")]
    [InlineData("fashion-mnist", "fashion-mnist")]
    public async Task Built_in_dataset_ids_name_the_catalogs_specs(string datasetId, string spec) =>
        Assert.Equal(spec, await resolver.ResolveAsync(datasetId, CancellationToken.None));

    [Fact]
    public void Uploads_are_trained_at_the_resolution_the_function_app_asks_the_pack_job_for() =>
        Assert.Equal(Ssl.Cloud.Core.Queue.PackRequest.TrainingResolution, DatasetResolver.Resolution);

    [Fact]
    public void The_built_in_names_the_api_accepts_are_the_trainers()
    {
        Assert.Equal(DatasetCatalog.BuiltinSpec, Ssl.Cloud.Core.Submission.BuiltinDatasets.Synthetic);
        Assert.Equal(DatasetCatalog.FashionMnistSpec, Ssl.Cloud.Core.Submission.BuiltinDatasets.FashionMnist);
    }
}
