using Ssl.Cloud.Core.Contracts;

namespace Ssl.Cloud.Core.Tests.Contracts;

public sealed class CheckpointPointerJsonTests
{
    const string Pinned = """
        {
          "schemaVersion": 1,
          "epoch": 10,
          "step": 3910,
          "path": "checkpoints/epoch-0010.ckpt",
          "sizeBytes": 1048576,
          "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
          "writtenAt": "2026-11-27T02:00:05+00:00"
        }
        """;

    [Fact]
    public void A_pointer_is_written_in_the_pinned_wire_format_and_reads_back()
    {
        var pointer = new CheckpointPointer
        {
            Epoch = 10, Step = 3910, Path = "checkpoints/epoch-0010.ckpt", SizeBytes = 1048576,
            Sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", WrittenAt = TestData.Now,
        };

        Assert.Equal(Pinned, ContractJson.SerializeToString(pointer));
        Assert.Equal(pointer, ContractJson.Deserialize<CheckpointPointer>(Pinned, "latest.json"));
    }
}
