using static TorchSharp.torch;

namespace Ssl.Training.Augmentations;

// Placeholder until the augmentation branch lands (it owns this file).
public sealed record Normalization(float[] Mean, float[] Std)
{
    public Tensor Apply(Tensor x)
    {
        using var scope = NewDisposeScope();
        var c = Mean.Length;
        var mean = tensor(Mean, device: x.device).view(1, c, 1, 1);
        var std = tensor(Std, device: x.device).view(1, c, 1, 1);
        return ((x - mean) / std).MoveToOuterDisposeScope();
    }
}
