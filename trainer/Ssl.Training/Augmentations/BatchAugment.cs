using Ssl.Training.Native;
using static TorchSharp.torch;

namespace Ssl.Training.Augmentations;

/// <summary>Batched SSL augmentations with per-sample random parameters, as whole-batch tensor ops on the
/// images' device. torchvision's transforms draw one parameter set per call, so every image in a batch
/// would share its crop and jitter; here each image draws its own, from an explicit <see cref="Generator"/>.
/// Pipeline (SimCLR / BYOL order): resized crop + flip, colour jitter, grayscale, Gaussian blur, solarize.
/// The ops take float32 <c>[B,C,H,W]</c> in [0,1] (uint8 0..255 is converted), C = 1 or 3, never dispose
/// their input and return a fresh tensor.</summary>
public static partial class BatchAugment
{
    /// <summary>One augmented view of every image.</summary>
    /// <param name="images">uint8 (0..255) or float (0..1) <c>[B,C,H,W]</c>, C = 1 or 3, any device.</param>
    /// <returns>float32 <c>[B,C,Size,Size]</c> in [0,1] on the images' device.</returns>
    public static Tensor Apply(Tensor images, ViewRecipe recipe, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(generator);
        recipe.Validate();
        CheckImages(images);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var x = RandomResizedCrop(images, recipe, generator);
        if (recipe.JitterProbability > 0)
            x = Replace(x, ColorJitter(x, recipe, generator));
        if (recipe.GrayscaleProbability > 0)
            x = Replace(x, RandomGrayscale(x, recipe.GrayscaleProbability, generator));
        if (recipe.BlurProbability > 0)
            x = Replace(x,
                RandomGaussianBlur(x, recipe.BlurProbability, recipe.BlurSigmaMin, recipe.BlurSigmaMax, generator));
        if (recipe.SolarizeProbability > 0)
            x = Replace(x, RandomSolarize(x, recipe.SolarizeProbability, recipe.SolarizeThreshold, generator));
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>Several views of every image, one per recipe (two for SimSiam/BYOL, 2 global + N local for
    /// multi-crop), drawn one after another from <paramref name="generator"/>. The caller owns every view.</summary>
    public static Tensor[] Apply(Tensor images, IReadOnlyList<ViewRecipe> recipes, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(recipes);
        using var scope = NewDisposeScope();
        var views = recipes.Select(r => Apply(images, r, generator)).ToArray();
        foreach (var v in views) v.MoveToOuterDisposeScope();
        return views;
    }

    /// <summary>Frees the previous stage's output as soon as the next exists: at 224 px a batch is
    /// hundreds of MB, and the device should not hold every stage until the end.</summary>
    static Tensor Replace(Tensor previous, Tensor next)
    {
        previous.Dispose();
        return next;
    }

    static void CheckImages(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || (images.shape[1] != 1 && images.shape[1] != 3))
            throw new ArgumentException(
                $"images must be [B,C,H,W] with C = 1 or 3, got [{string.Join(",", images.shape)}]", nameof(images));
        if (images.dtype != ScalarType.Byte && !images.is_floating_point())
            throw new ArgumentException($"images must be uint8 or floating point, got {images.dtype}", nameof(images));
    }

    /// <summary>float32 in [0,1]. May return <paramref name="images"/> itself: call only inside a dispose
    /// scope and never return the result unchanged.</summary>
    static Tensor AsFloat32(Tensor images)
    {
        CheckImages(images);
        if (images.dtype == ScalarType.Byte)
            return images.to(ScalarType.Float32).DivInPlace(255.0);
        return images.dtype == ScalarType.Float32 ? images : images.to(ScalarType.Float32);
    }

    /// <summary>Per-sample choice: <paramref name="ifTrue"/> where <paramref name="mask"/> [B] is set, else
    /// <paramref name="ifFalse"/>.</summary>
    static Tensor Choose(Tensor mask, Tensor ifTrue, Tensor ifFalse)
    {
        using var m = mask.view(mask.shape[0], 1, 1, 1);
        return where(m, ifTrue, ifFalse);
    }

    /// <summary>[B] per-sample parameters broadcastable against [B,C,H,W], on <paramref name="device"/>.</summary>
    static Tensor PerSample(Tensor values, Device device) =>
        values.to(ScalarType.Float32, device).view(values.shape[0], 1, 1, 1);
}
