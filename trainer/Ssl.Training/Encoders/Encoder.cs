using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Encoders;

/// <summary>A backbone: images <c>[N, C, H, W]</c> in, features <c>[N, FeatureDim]</c> out (no classifier head).</summary>
public abstract class Encoder(string name) : nn.Module<Tensor, Tensor>(name)
{
    public abstract int FeatureDim { get; }
}
