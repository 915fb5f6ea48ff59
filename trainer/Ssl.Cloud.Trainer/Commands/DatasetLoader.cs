using Ssl.Training.Data;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary>Opens the dataset a request names; errors name the path and what was wrong.</summary>
public static class DatasetLoader
{
    public static DatasetSplit Open(string spec, int? trainLimit) =>
        DatasetCatalog.Open(spec, options: new DatasetOptions { TrainLimit = trainLimit });
}
