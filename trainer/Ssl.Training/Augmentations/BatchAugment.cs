using static TorchSharp.torch;

namespace Ssl.Training.Augmentations;

// Placeholder until the augmentation branch lands (it owns this file).
public static class BatchAugment
{
    public static Tensor Apply(Tensor images, ViewRecipe recipe, Generator generator) =>
        images.dtype == ScalarType.Byte ? images.to(ScalarType.Float32) / 255 : images.clone();
}
