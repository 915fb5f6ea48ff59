using Ssl.Training.Data;
using Ssl.Training.Data.Packing;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary>Opens the dataset a command names; errors name the path and what was wrong. Image folders and zips
/// are packed into the cache (<c>$SSL_CACHE/packed</c>, else <c>~/.cache/ssl/packed</c>) on first use, and the
/// pack is announced on <paramref name="log"/> with how many files were left out and where the manifest lists
/// them.</summary>
public static class DatasetLoader
{
    public static DatasetSplit Open(string spec, int? trainLimit, TextWriter? log = null) =>
        Opened(spec, trainLimit, log, (source, options) => DatasetCatalog.Open(source, options: options));

    /// <summary>For training: loaded whole within the data's budget, else streamed. <paramref name="dataBudget"/>
    /// gets the pack (null for a dataset that is always loaded whole: built-in, IDX, CIFAR) and returns the bytes
    /// the data may hold.</summary>
    public static TrainingData OpenForTraining(string spec, int? trainLimit, Func<PackedDataset?, long> dataBudget,
        TextWriter? log = null)
    {
        long budget = 0;
        var data = Opened(spec, trainLimit, log, (source, options) =>
            DatasetCatalog.OpenForTraining(source, null, options, packed => budget = dataBudget(packed)));
        if (data.Streamed)
            log?.WriteLine($"{spec}: {data.TrainCount} training images exceed the data's memory budget of "
                + $"{budget >> 20} MiB: streaming them; the probes use a sample of "
                + $"{data.Evaluation.Train.Count} train / {data.Evaluation.Test.Count} test images");
        return data;
    }

    /// <summary>The one way both openings start: options from the command, and the spec packed if it needs
    /// to be.</summary>
    static T Opened<T>(string spec, int? trainLimit, TextWriter? log, Func<string, DatasetOptions, T> open)
    {
        var options = new DatasetOptions { TrainLimit = trainLimit };
        return open(Packed(spec, options, log), options);
    }

    /// <summary>An image folder or zip packed into the cache (announced on <paramref name="log"/>); other specs as
    /// given.</summary>
    static string Packed(string spec, DatasetOptions options, TextWriter? log)
    {
        if (DatasetCatalog.Detect(spec) is DatasetKind.ImageFolder or DatasetKind.Archive)
        {
            var pack = DatasetCatalog.EnsurePacked(spec, null, options);
            log?.WriteLine($"{spec}: {pack.Summary}" + (pack.RejectedCount > 0
                ? $"; every rejected file and why: {Path.Combine(pack.OutputDirectory, PackManifest.FileName)}"
                : $"; cached in {pack.OutputDirectory}"));
            return pack.OutputDirectory;
        }
        return spec;
    }
}
