using Ssl.Training.Native;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch.nn;
using static TorchSharp.torch;

namespace Ssl.Training.Heads;

/// <summary>Builds the projector / predictor MLPs the SSL papers describe from Linear-BN-ReLU blocks.</summary>
public static class Mlp
{
    /// <summary>Linear(in, hidden) - BN - ReLU repeated <paramref name="layers"/> - 1 times, then
    /// Linear(hidden, out) and, when <paramref name="finalBatchNorm"/>, BN(out) (affine or not).
    /// Linear layers before a BN have no bias (the BN's shift makes it redundant), as in the reference code.</summary>
    public static Sequential Build(int inDim, int hiddenDim, int outDim, int layers, bool finalBatchNorm = false,
        bool finalAffine = true, bool hiddenBatchNorm = true)
    {
        if (layers < 1)
            throw new ArgumentOutOfRangeException(nameof(layers), layers, "an MLP needs at least one layer");
        var modules = new List<Module<Tensor, Tensor>>();
        var dim = inDim;
        for (var i = 0; i < layers - 1; i++)
        {
            modules.Add(Linear(dim, hiddenDim, hasBias: !hiddenBatchNorm));
            if (hiddenBatchNorm) modules.Add(BatchNormalization.For1d(hiddenDim));
            modules.Add(ReLU(inplace: true));
            dim = hiddenDim;
        }
        modules.Add(Linear(dim, outDim, hasBias: !finalBatchNorm));
        if (finalBatchNorm) modules.Add(BatchNormalization.For1d(outDim, affine: finalAffine));
        return Sequential(modules);
    }
}
