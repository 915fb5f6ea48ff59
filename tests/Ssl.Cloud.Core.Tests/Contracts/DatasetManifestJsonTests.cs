using Ssl.Cloud.Core.Contracts;

namespace Ssl.Cloud.Core.Tests.Contracts;

public sealed class DatasetManifestJsonTests
{
    const string Pinned = """
        {
          "schemaVersion": 1,
          "datasetId": "pets",
          "status": "ready",
          "statusReason": null,
          "updatedAt": "2026-11-27T02:00:05+00:00",
          "files": [
            {
              "path": "dog/1.png",
              "sizeBytes": 2048,
              "format": "png",
              "width": 32,
              "height": 32,
              "label": "dog"
            },
            {
              "path": "cat/1.jpg",
              "sizeBytes": 4096,
              "format": "jpeg",
              "width": 64,
              "height": 48,
              "label": "cat"
            },
            {
              "path": "cat/2.jpg",
              "sizeBytes": 4000,
              "format": "jpeg",
              "width": 64,
              "height": 48,
              "label": "cat"
            }
          ],
          "classes": [
            "cat",
            "dog"
          ],
          "classCounts": {
            "cat": 2,
            "dog": 1
          },
          "rejected": [
            {
              "path": "notes.txt",
              "reason": "not an image (magic bytes 68 65 6c 6c)"
            }
          ],
          "packed": [],
          "runId": null
        }
        """;

    static DatasetManifest Sample() => DatasetManifest.FromValidation("pets",
        [
            new ManifestFile
            {
                Path = "dog/1.png", SizeBytes = 2048, Format = "png", Width = 32, Height = 32, Label = "dog"
            },
            new ManifestFile
            {
                Path = "cat/1.jpg", SizeBytes = 4096, Format = "jpeg", Width = 64, Height = 48, Label = "cat"
            },
            new ManifestFile
            {
                Path = "cat/2.jpg", SizeBytes = 4000, Format = "jpeg", Width = 64, Height = 48, Label = "cat"
            },
        ],
        [new RejectedFile("notes.txt", "not an image (magic bytes 68 65 6c 6c)")],
        TestData.Now);

    [Fact]
    public void A_manifest_is_written_in_the_pinned_wire_format() =>
        Assert.Equal(Pinned, ContractJson.SerializeToString(Sample()));

    [Fact]
    public void The_pinned_wire_format_reads_back_and_writes_the_same_bytes() =>
        Assert.Equal(Pinned,
            ContractJson.SerializeToString(ContractJson.Deserialize<DatasetManifest>(Pinned, "manifest.json")));

    [Fact]
    public void Classes_are_sorted_ordinally_and_counted_like_an_image_folder()
    {
        var manifest = Sample();

        Assert.Equal(["cat", "dog"], manifest.Classes);
        Assert.Equal(2, manifest.ClassCounts["cat"]);
        Assert.Equal(1, manifest.ClassCounts["dog"]);
    }

    [Fact]
    public void A_dataset_with_no_accepted_file_is_rejected_with_a_reason()
    {
        var manifest = DatasetManifest.FromValidation("junk", [], [new RejectedFile("a.exe", "not an image")],
            TestData.Now);

        Assert.Equal(DatasetStatus.Rejected, manifest.Status);
        Assert.Equal("no usable image among 1 uploaded file(s)", manifest.StatusReason);
    }

    [Fact]
    public void Packed_shard_sets_round_trip()
    {
        var manifest = Sample() with
        {
            Packed = [new PackedShardSet { Resolution = 32, ShardCount = 3, ImageCount = 3, PackedAt = TestData.Now }]
        };

        var read = ContractJson.Deserialize<DatasetManifest>(ContractJson.Serialize(manifest), "manifest.json");

        Assert.Equal(manifest.Packed[0], read.PackedAt(32));
        Assert.Null(read.PackedAt(64));
    }
}
