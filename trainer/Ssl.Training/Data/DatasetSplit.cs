namespace Ssl.Training.Data;

/// <summary>A training set and the held-out labelled set the probes evaluate on.</summary>
public sealed record DatasetSplit(ImageDataset Train, ImageDataset Test) : IDisposable
{
    public void Dispose()
    {
        Train.Dispose();
        Test.Dispose();
    }
}
