using F = TorchSharp.torch.nn.functional;
using Ssl.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Augmentations;

public static partial class BatchAugment
{
    /// <summary>Kernel side for a blur of an image with side <paramref name="side"/>: about 10% of it, odd, at
    /// least 3 (SimCLR, Chen et al. 2020, App. A: 23 at 224).</summary>
    public static int BlurKernelSize(long side) => Math.Max(3, 2 * (int)(0.1 * side / 2) + 1);

    /// <summary>Gaussian blur with per-image sigma <paramref name="sigma"/> [B] and a
    /// <paramref name="kernelSize"/>-tap kernel (odd), separable, reflect padding as torchvision. All images
    /// and channels go through one depthwise (grouped) conv2d per direction, each with its own kernel.</summary>
    public static Tensor GaussianBlur(Tensor images, Tensor sigma, int kernelSize)
    {
        using var scope = NewDisposeScope();
        var x = AsFloat32(images);
        long b = x.shape[0], c = x.shape[1], height = x.shape[2], width = x.shape[3];
        var half = kernelSize / 2;
        if (kernelSize % 2 == 0 || kernelSize < 1 || half >= Math.Min(height, width))
            throw new ArgumentOutOfRangeException(nameof(kernelSize), kernelSize,
                $"must be odd and smaller than twice the image side ({height}x{width})");
        var offsets = ScalarMath.Arange(-half, half + 1, x.device, ScalarType.Float32);
        var s = sigma.to(ScalarType.Float32, x.device).view(b, 1);
        var kernel = (offsets.Square() / s.Square().Mul(-2)).exp_();
        kernel = (kernel / kernel.sum(1, keepdim: true)).repeat_interleave(c, dim: 0);
        var flat = F.pad(x.reshape(1, b * c, height, width), [half, half, half, half], PaddingModes.Reflect);
        var rows = F.conv2d(flat, kernel.view(b * c, 1, 1, kernelSize), groups: b * c);
        var both = F.conv2d(rows, kernel.view(b * c, 1, kernelSize, 1), groups: b * c);
        return both.view(b, c, height, width).ClampInPlace(0, 1).MoveToOuterDisposeScope();
    }

    /// <summary>Gaussian blur with probability <paramref name="probability"/> per image, sigma uniform in
    /// [<paramref name="sigmaMin"/>, <paramref name="sigmaMax"/>] per image, kernel from
    /// <see cref="BlurKernelSize"/>.</summary>
    public static Tensor RandomGaussianBlur(
        Tensor images, double probability, double sigmaMin, double sigmaMax, Generator generator)
    {
        using var scope = NewDisposeScope();
        var x = AsFloat32(images);
        var apply = RandomDraw.Mask(generator, x.shape[0], probability, x.device);
        var sigma = RandomDraw.Uniform(generator, x.shape[0], sigmaMin, sigmaMax, x.device);
        var kernelSize = Math.Min(BlurKernelSize(x.shape[2]), 2 * (int)Math.Min(x.shape[2], x.shape[3]) - 1);
        return Choose(apply, GaussianBlur(x, sigma, kernelSize), x).MoveToOuterDisposeScope();
    }

    /// <summary>Inverts pixels at or above <paramref name="threshold"/>: x >= t ? 1 - x : x (torchvision's
    /// solarize).</summary>
    public static Tensor Solarize(Tensor images, double threshold)
    {
        using var scope = NewDisposeScope();
        var x = AsFloat32(images);
        return where(x.Ge(threshold), x.RSub(1), x).MoveToOuterDisposeScope();
    }

    /// <summary>Solarize with probability <paramref name="probability"/> per image.</summary>
    public static Tensor RandomSolarize(Tensor images, double probability, double threshold, Generator generator)
    {
        using var scope = NewDisposeScope();
        var x = AsFloat32(images);
        var apply = RandomDraw.Mask(generator, x.shape[0], probability, x.device);
        // One pass: invert where the image was chosen and the pixel is at or above the threshold.
        var invert = x.Ge(threshold).logical_and_(apply.view(x.shape[0], 1, 1, 1));
        return where(invert, x.RSub(1), x).MoveToOuterDisposeScope();
    }
}
