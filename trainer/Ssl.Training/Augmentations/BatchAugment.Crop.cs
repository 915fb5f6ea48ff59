using F = TorchSharp.torch.nn.functional;
using Ssl.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Augmentations;

public static partial class BatchAugment
{
    /// <summary>torchvision's RandomResizedCrop tries 10 (area, ratio) draws and keeps the first that fits;
    /// done here for the whole batch at once.</summary>
    const int CropAttempts = 10;

    /// <summary>Random resized crop with a random horizontal flip folded into the same resampling.</summary>
    public static Tensor RandomResizedCrop(Tensor images, ViewRecipe recipe, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        CheckImages(images);
        using var scope = NewDisposeScope();
        var batch = images.shape[0];
        var boxes = SampleCropBoxes(batch, images.shape[2], images.shape[3], recipe, generator, images.device);
        var flip = RandomDraw.Mask(generator, batch, recipe.FlipProbability, images.device);
        return ResizedCrop(images, boxes, flip, recipe.Size).MoveToOuterDisposeScope();
    }

    /// <summary>Per-sample crop boxes, float32 <c>[B,4]</c> as (x0, y0, width, height) in input pixels, drawn as
    /// torchvision does (area fraction uniform, aspect ratio log-uniform, position uniform; after 10 misfits a
    /// centre crop with the ratio clamped to the range), but continuous rather than rounded to whole pixels.</summary>
    public static Tensor SampleCropBoxes(
        long batch, long height, long width, ViewRecipe recipe, Generator generator, Device device)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        using var scope = NewDisposeScope();
        var area = RandomDraw.Uniform(generator, [batch, CropAttempts], recipe.ScaleMin, recipe.ScaleMax, device)
            .Mul(height * (double)width);
        var ratio = RandomDraw.Uniform(generator, [batch, CropAttempts],
            Math.Log(recipe.RatioMin), Math.Log(recipe.RatioMax), device).exp_();
        var w = (area * ratio).sqrt_();
        var h = (area / ratio).sqrt_();
        var fits = w.Le(width).logical_and_(h.Le(height));
        var first = fits.to(ScalarType.Int32).argmax(1, keepdim: true);
        var found = fits.any(1);

        var (fallbackW, fallbackH) = FallbackCrop(height, width, recipe);
        var cropW = where(found, w.gather(1, first).squeeze(1),
            ScalarMath.Full([batch], fallbackW, ScalarType.Float32, device));
        var cropH = where(found, h.gather(1, first).squeeze(1),
            ScalarMath.Full([batch], fallbackH, ScalarType.Float32, device));
        var ux = RandomDraw.Uniform(generator, batch, 0, 1, device);
        var uy = RandomDraw.Uniform(generator, batch, 0, 1, device);
        var centre = ScalarMath.Full([batch], 0.5, ScalarType.Float32, device);
        var x0 = where(found, ux, centre) * cropW.RSub(width);
        var y0 = where(found, uy, centre) * cropH.RSub(height);
        return stack([x0, y0, cropW, cropH], 1).MoveToOuterDisposeScope();
    }

    /// <summary>torchvision's fallback: the whole image, cut down to the nearest allowed aspect ratio.</summary>
    static (float Width, float Height) FallbackCrop(long height, long width, ViewRecipe recipe)
    {
        var inRatio = (double)width / height;
        if (inRatio < recipe.RatioMin) return (width, (float)(width / recipe.RatioMin));
        if (inRatio > recipe.RatioMax) return ((float)(height * recipe.RatioMax), height);
        return (width, height);
    }

    /// <summary>Crops each image to its box, mirrors it where <paramref name="flip"/> is set, and resizes it to
    /// <paramref name="size"/> x <paramref name="size"/> in one bilinear resampling (affine grid, align_corners false,
    /// border padding so edge samples never blend with zeros).</summary>
    /// <param name="boxes">float <c>[B,4]</c>: (x0, y0, width, height) in input pixels.</param>
    /// <param name="flip">bool <c>[B]</c>: mirror horizontally.</param>
    public static Tensor ResizedCrop(Tensor images, Tensor boxes, Tensor flip, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        using var scope = NewDisposeScope();
        var x = AsFloat32(images);
        long b = x.shape[0], c = x.shape[1], height = x.shape[2], width = x.shape[3];
        var box = boxes.to(ScalarType.Float32, x.device);
        var (x0, y0, w, h) = (box.select(1, 0), box.select(1, 1), box.select(1, 2), box.select(1, 3));
        var mirror = flip.to(ScalarType.Float32, x.device).Mul(2).RSub(1);
        // Output coordinate u in [-1,1] maps to input (normalised, align_corners false) sx * u + tx.
        var sx = w.Div(width) * mirror;
        var sy = h.Div(height);
        var tx = x0.Mul(2).Add(w).Div(width).Sub(1);
        var ty = y0.Mul(2).Add(h).Div(height).Sub(1);
        var zero = zeros_like(sx);
        var theta = stack([sx, zero, tx, zero, sy, ty], 1).view(b, 2, 3);
        var grid = F.affine_grid(theta, [b, c, size, size], align_corners: false);
        var result =
            F.grid_sample(x, grid, GridSampleMode.Bilinear, GridSamplePaddingMode.Border, align_corners: false);
        return result.MoveToOuterDisposeScope();
    }
}
