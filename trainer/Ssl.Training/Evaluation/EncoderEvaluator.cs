using Ssl.Training.Augmentations;
using Ssl.Training.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Evaluation;

/// <summary>Probes frozen features on a labelled split: the training set is the kNN bank and the linear probe's
/// training data, the held-out set is classified.</summary>
public static class EncoderEvaluator
{
    public static ProbeScores ProbeEncoder(nn.Module<Tensor, Tensor> encoder, DatasetSplit split,
        Normalization normalization, Device device, ProbeSettings settings)
    {
        CheckLabels(split);
        using var train = FeatureExtractor.Extract(encoder, split.Train, normalization, device);
        using var test = FeatureExtractor.Extract(encoder, split.Test, normalization, device);
        return Probe(train, test, split, settings);
    }

    public static ProbeScores ProbeRawPixels(DatasetSplit split, Normalization normalization, Device device,
        ProbeSettings settings)
    {
        CheckLabels(split);
        using var train = RawPixels.Features(split.Train, normalization, device);
        using var test = RawPixels.Features(split.Test, normalization, device);
        return Probe(train, test, split, settings);
    }

    /// <summary>kNN only: cheap enough to run every few epochs during training.</summary>
    public static double KnnAccuracy(nn.Module<Tensor, Tensor> encoder, DatasetSplit split, Normalization normalization,
        Device device, int k, double temperature)
    {
        CheckLabels(split);
        using var train = FeatureExtractor.Extract(encoder, split.Train, normalization, device);
        using var test = FeatureExtractor.Extract(encoder, split.Test, normalization, device);
        return WeightedKnn.Accuracy(train, split.Train.Labels!, test, split.Test.Labels!, ClassCount(split), k,
            temperature);
    }

    public static ProbeScores Probe(Tensor train, Tensor test, DatasetSplit split, ProbeSettings settings)
    {
        var classes = ClassCount(split);
        var knn = WeightedKnn.Accuracy(train, split.Train.Labels!, test, split.Test.Labels!, classes, settings.KnnK,
            settings.KnnTemperature);
        var (top1, topK) = LinearProbe.Evaluate(train, split.Train.Labels!, test, split.Test.Labels!, classes,
            settings.LinearRecipe);
        return new ProbeScores(knn, top1, topK);
    }

    public static int ClassCount(DatasetSplit split)
    {
        using var trainMax = split.Train.Labels!.max();
        using var testMax = split.Test.Labels!.max();
        return Math.Max(split.Train.ClassNames.Count, (int)Math.Max(trainMax.item<long>(), testMax.item<long>()) + 1);
    }

    static void CheckLabels(DatasetSplit split)
    {
        if (split.Train.Labels is null || split.Test.Labels is null)
            throw new ArgumentException(
                $"Dataset '{split.Train.Name}' has no labels: the kNN and linear probes need a " +
                $"labelled training and held-out set.");
    }
}
