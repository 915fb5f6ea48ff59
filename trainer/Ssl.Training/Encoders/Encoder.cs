using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Encoders;

/// <summary>A backbone: images <c>[N, C, H, W]</c> in, features <c>[N, FeatureDim]</c> out (no classifier
/// head).</summary>
public abstract class Encoder(string name) : nn.Module<Tensor, Tensor>(name)
{
    public abstract int FeatureDim { get; }

    /// <summary>A new encoder of the same architecture (fresh weights), for methods that keep a second copy of the
    /// backbone: BYOL's target, MoCo v3's momentum encoder, DINO's teacher. TorchSharp has no deep copy.</summary>
    public virtual Encoder Twin() =>
        throw new NotSupportedException(
            $"{GetType().Name} cannot make a twin, which BYOL, MoCo v3 and DINO need: override Encoder.Twin().");
}
