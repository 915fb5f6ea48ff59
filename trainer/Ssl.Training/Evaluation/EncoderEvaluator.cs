using Ssl.Training.Augmentations;
using Ssl.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Evaluation;

/// <summary>Probes a frozen encoder on a labelled split: features of the training set form the kNN bank,
/// the held-out set is classified.</summary>
public static class EncoderEvaluator
{
    public static double KnnAccuracy(nn.Module<Tensor, Tensor> encoder, DatasetSplit split, Normalization normalization, Device device, int k, double temperature)
    {
        if (split.Train.Labels is null || split.Test.Labels is null)
            throw new ArgumentException($"Dataset '{split.Train.Name}' has no labels: kNN evaluation needs a labelled held-out set.");
        using var train = FeatureExtractor.Extract(encoder, split.Train, normalization, device);
        using var test = FeatureExtractor.Extract(encoder, split.Test, normalization, device);
        var classes = Math.Max(split.Train.ClassNames.Count, (int)split.Train.Labels.max().item<long>() + 1);
        return WeightedKnn.Accuracy(train, split.Train.Labels, test, split.Test.Labels, classes, k, temperature);
    }
}
