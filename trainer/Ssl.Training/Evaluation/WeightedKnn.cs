using Ssl.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Evaluation;

/// <summary>Weighted k-nearest-neighbour classifier on l2-normalised features (Wu et al., "Unsupervised Feature
/// Learning via Non-Parametric Instance Discrimination", CVPR 2018): each of the k most cosine-similar training
/// samples votes for its class with weight exp(s / T). k = 200, T = 0.1 are the values the SSL literature
/// reports.</summary>
public static class WeightedKnn
{
    /// <returns>Top-1 accuracy in [0, 1] of predicting <paramref name="testLabels"/>.</returns>
    public static double Accuracy(Tensor trainFeatures, Tensor trainLabels, Tensor testFeatures, Tensor testLabels,
        int numClasses, int k = 200, double temperature = 0.1, int chunk = 1024)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), k, "k must be at least 1");
        if (temperature <= 0)
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "temperature must be > 0");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var bank = nn.functional.normalize(trainFeatures, dim: 1);
        var bankLabels = trainLabels.to(bank.device);
        var queries = nn.functional.normalize(testFeatures, dim: 1);
        var truth = testLabels.to(bank.device);
        var kk = (int)Math.Min(k, bank.shape[0]);
        long correct = 0;
        for (long start = 0; start < queries.shape[0]; start += chunk)
        {
            using var inner = NewDisposeScope();
            var q = queries.narrow(0, start, Math.Min(chunk, queries.shape[0] - start));
            var (sim, idx) = q.matmul(bank.T).topk(kk, dim: 1);
            var weights = sim.Div(temperature).exp_();
            var neighbourLabels = bankLabels[idx];
            var votes = zeros(q.shape[0], numClasses, device: bank.device).scatter_add_(1, neighbourLabels, weights);
            var predicted = votes.argmax(1);
            correct += predicted.eq(truth.narrow(0, start, q.shape[0])).sum().item<long>();
        }
        return (double)correct / queries.shape[0];
    }
}
