using Ssl.Training.Data.Packing;

namespace Ssl.Cloud.Trainer.Terminal;

/// <summary>What a pack took and left out: counts per class and split, every rejected file with its reason, and
/// where the manifest is. Plain lines, so scripts can grep them.</summary>
public static class PackSummary
{
    public static void Print(PackResult result, TextWriter output)
    {
        var m = result.Manifest;
        output.WriteLine($"Packed {result.Taken} images from {m.Source} at {m.Resolution}x{m.Resolution}, "
            + $"{m.Channels} channel(s), into {m.Train.Shards.Count + m.Test.Shards.Count} shard(s)");
        output.WriteLine(
            $"  taken {result.Taken} ({m.Train.Count} train, {m.Test.Count} test), rejected {result.RejectedCount}");
        if (m.Labelled)
        {
            var width = Math.Max(5, m.ClassNames.Max(c => c.Length));
            output.WriteLine($"  {"class".PadRight(width)}  {"train",7}  {"test",7}");
            foreach (var name in m.ClassNames)
                output.WriteLine($"  {name.PadRight(width)}  {m.Train.CountsPerClass.GetValueOrDefault(name),7}  "
                    + $"{m.Test.CountsPerClass.GetValueOrDefault(name),7}");
        }
        else output.WriteLine("  unlabelled (no class folders)");
        if (m.Rejected.Count > 0)
        {
            output.WriteLine($"Rejected {m.Rejected.Count}:");
            foreach (var r in m.Rejected) output.WriteLine($"  {r.Path}: {r.Reason}");
        }
        output.WriteLine($"Manifest: {Path.Combine(result.OutputDirectory, PackManifest.FileName)}");
    }
}
