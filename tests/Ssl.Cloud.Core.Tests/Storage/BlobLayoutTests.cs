using Ssl.Cloud.Core.Storage;

namespace Ssl.Cloud.Core.Tests.Storage;

/// <summary>The layout of DESIGN.md §3, path for path.</summary>
public sealed class BlobLayoutTests
{
    [Fact]
    public void Containers_are_datasets_runs_and_schedules() =>
        Assert.Equal(["datasets", "runs", "schedules"],
            [BlobLayout.DatasetsContainer, BlobLayout.RunsContainer, BlobLayout.SchedulesContainer]);

    [Fact]
    public void Dataset_paths_follow_the_design()
    {
        Assert.Equal("pets/raw/", BlobLayout.DatasetRawPrefix("pets"));
        Assert.Equal("pets/raw/cat/1.jpg", BlobLayout.DatasetRawFile("pets", "cat/1.jpg"));
        Assert.Equal("pets/manifest.json", BlobLayout.DatasetManifest("pets"));
        Assert.Equal("pets/packed/32/shard-00000.safetensors", BlobLayout.DatasetPackedShard("pets", 32, 0));
        Assert.Equal("pets/packed/224/shard-00012.safetensors", BlobLayout.DatasetPackedShard("pets", 224, 12));
    }

    [Fact]
    public void Run_paths_follow_the_design()
    {
        Assert.Equal("run-1/request.json", BlobLayout.RunRequest("run-1"));
        Assert.Equal("run-1/status.json", BlobLayout.RunStatus("run-1"));
        Assert.Equal("run-1/checkpoints/epoch-0010.ckpt", BlobLayout.RunCheckpoint("run-1", 10));
        Assert.Equal("checkpoints/epoch-0010-step-000003.ckpt", BlobLayout.CheckpointName(10, 3));
        Assert.Equal("run-1/checkpoints/latest.json", BlobLayout.RunLatestCheckpoint("run-1"));
        Assert.Equal("run-1/report.json", BlobLayout.RunArtifact("run-1", BlobLayout.ReportJson));
        Assert.Equal("run-1/report.html", BlobLayout.RunArtifact("run-1", BlobLayout.ReportHtml));
        Assert.Equal("run-1/encoder.safetensors", BlobLayout.RunArtifact("run-1", BlobLayout.EncoderWeights));
    }

    [Fact]
    public void Schedules_are_one_json_file_each() => Assert.Equal("nightly.json", BlobLayout.Schedule("nightly"));

    [Theory]
    [InlineData("../runs")]
    [InlineData("Run-1")]
    [InlineData("r")]
    [InlineData("run-1/../../x")]
    public void A_hostile_identifier_never_becomes_a_path(string id)
    {
        Assert.Throws<ArgumentException>(() => BlobLayout.RunStatus(id));
        Assert.Throws<ArgumentException>(() => BlobLayout.DatasetManifest(id));
        Assert.Throws<ArgumentException>(() => BlobLayout.Schedule(id));
    }

    [Theory]
    [InlineData("../manifest.json")]
    [InlineData("a/../../b")]
    [InlineData("/etc/passwd")]
    [InlineData("a//b")]
    [InlineData("a\\b")]
    [InlineData("./a")]
    [InlineData("")]
    public void A_relative_path_that_could_escape_its_folder_is_refused(string path) =>
        Assert.Throws<ArgumentException>(() => BlobLayout.DatasetRawFile("pets", path));

    [Fact]
    public void Negative_epochs_shards_and_resolutions_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BlobLayout.RunCheckpoint("run-1", -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BlobLayout.DatasetPackedShard("pets", 32, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BlobLayout.DatasetPackedShard("pets", 0, 0));
    }
}
