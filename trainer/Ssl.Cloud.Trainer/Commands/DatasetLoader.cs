using Ssl.Training.Data;
using Ssl.Training.Data.Packing;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary>Opens the dataset a command names; errors name the path and what was wrong. Image folders and zips
/// are packed into the cache (<c>$SSL_CACHE/packed</c>, else <c>~/.cache/ssl/packed</c>) on first use, and the
/// pack is announced on <paramref name="log"/> with how many files were left out and where the manifest lists them.</summary>
public static class DatasetLoader
{
    public static DatasetSplit Open(string spec, int? trainLimit, TextWriter? log = null)
    {
        var options = new DatasetOptions { TrainLimit = trainLimit };
        if (DatasetCatalog.Detect(spec) is DatasetKind.ImageFolder or DatasetKind.Archive)
        {
            var pack = DatasetCatalog.EnsurePacked(spec, null, options);
            log?.WriteLine($"{spec}: {pack.Summary}" + (pack.RejectedCount > 0
                ? $"; every rejected file and why: {Path.Combine(pack.OutputDirectory, PackManifest.FileName)}"
                : $"; cached in {pack.OutputDirectory}"));
            spec = pack.OutputDirectory;
        }
        return DatasetCatalog.Open(spec, options: options);
    }
}
