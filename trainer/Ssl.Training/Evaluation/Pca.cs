using Ssl.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Evaluation;

/// <summary>Principal component analysis of features, for the 2-D picture of the embedding space.</summary>
public static class Pca
{
    /// <summary>Projects the centred rows of <paramref name="features"/> [N, D] on their first
    /// <paramref name="components"/> principal axes (right singular vectors). Signs are fixed so that each axis's
    /// largest-magnitude coordinate is positive, making the picture deterministic.</summary>
    /// <returns>The coordinates [N, components] (float32, CPU) and the fraction of variance each axis
    /// explains.</returns>
    public static (Tensor Coordinates, double[] ExplainedVariance) Project(Tensor features, int components = 2)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var x = features.to(ScalarType.Float64).cpu();
        x = x - x.mean([0], keepdim: true);
        var (_, s, vh) = linalg.svd(x, fullMatrices: false);
        var k = (int)Math.Min(components, s.shape[0]);
        var axes = vh.narrow(0, 0, k);                              // k x D
        var coordinates = x.matmul(axes.T);                          // N x k
        var signs = coordinates.gather(0, coordinates.abs().argmax(0, keepdim: true)).sign();
        signs = where(signs.logical_not(), ones_like(signs), signs);  // sign 0 (an all-zero axis) -> +1
        coordinates = coordinates * signs;
        var variance = s.Pow(2);
        var explained = (variance.narrow(0, 0, k) / variance.sum().ClampMin(1e-30)).data<double>().ToArray();
        return (coordinates.to(ScalarType.Float32).MoveToOuterDisposeScope(), explained);
    }
}
