using Ssl.Training.Native;
using static TorchSharp.torch;

namespace Ssl.Training.Augmentations;

/// <summary>Per-channel (x - mean) / std, applied after augmentation, with the dataset's statistics.</summary>
public sealed record Normalization(float[] Mean, float[] Std)
{
    /// <summary>CIFAR-10 training set: per-channel mean and std of pixels (not the often-copied
    /// 0.2023/0.1994/0.2010, which are stds of per-image means).</summary>
    public static Normalization Cifar10 => new([0.4914f, 0.4822f, 0.4465f], [0.2470f, 0.2435f, 0.2616f]);

    public static Normalization Cifar100 => new([0.5071f, 0.4865f, 0.4409f], [0.2673f, 0.2564f, 0.2762f]);

    public static Normalization ImageNet => new([0.485f, 0.456f, 0.406f], [0.229f, 0.224f, 0.225f]);

    /// <summary>Fashion-MNIST training set.</summary>
    public static Normalization FashionMnist => new([0.2860f], [0.3530f]);

    /// <summary>Statistics to use when a dataset's own are unknown: ImageNet's for RGB, Fashion-MNIST's for gray.
    /// Prefer <see cref="Measure"/> on the dataset.</summary>
    public static Normalization For(int channels) => channels switch
    {
        3 => ImageNet,
        1 => FashionMnist,
        _ => throw new ArgumentOutOfRangeException(nameof(channels), channels, "images have 1 or 3 channels"),
    };

    /// <summary>Images per chunk of <see cref="Measure"/>: a float64 copy of 10,000 images at 64 px was 1 GiB at
    /// once, more than a streamed run's whole memory budget.</summary>
    const int MeasureChunk = 256;

    static readonly long[] Dims = [0, 2, 3];

    /// <summary>Per-channel mean and std of uint8 (0..255) or float (0..1) images <c>[N,C,H,W]</c>, computed in
    /// float64 so a whole dataset does not lose precision, in two passes over chunks of
    /// <see cref="MeasureChunk"/> images (mean, then the mean squared deviation) so that memory stays small. Reads
    /// back 2C numbers.</summary>
    public static Normalization Measure(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4)
            throw new ArgumentException(
                $"images must be [N,C,H,W], got [{string.Join(",", images.shape)}]", nameof(images));
        using var scope = NewDisposeScope();
        var (n, channels) = (images.shape[0], images.shape[1]);
        var perChannel = (double)n * images.shape[2] * images.shape[3];
        var divisor = images.dtype == ScalarType.Byte ? 255.0 : 1.0;
        Tensor Chunk(long start) =>
            images.narrow(0, start, Math.Min(MeasureChunk, n - start)).to(ScalarType.Float64).Div(divisor);
        var sum = zeros(channels, ScalarType.Float64, images.device);
        for (long start = 0; start < n; start += MeasureChunk)
        {
            using var chunk = NewDisposeScope(); // each chunk's temporaries go before the next
            sum.AddInPlace(Chunk(start).sum(Dims));
        }
        var mean = sum.Div(perChannel).reshape(1, channels, 1, 1);
        var squares = zeros(channels, ScalarType.Float64, images.device);
        for (long start = 0; start < n; start += MeasureChunk)
        {
            using var chunk = NewDisposeScope();
            squares.AddInPlace((Chunk(start) - mean).Square().sum(Dims));
        }
        var std = squares.Div(perChannel).sqrt();
        return new(mean.flatten().cpu().to(ScalarType.Float32).data<float>().ToArray(),
            std.cpu().to(ScalarType.Float32).data<float>().ToArray());
    }

    /// <summary>Normalises float <c>[B,C,H,W]</c> with C = the statistics' length; returns a fresh tensor on x's
    /// device.</summary>
    public Tensor Apply(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (Mean.Length != Std.Length)
            throw new InvalidOperationException($"Mean has {Mean.Length} channels, Std {Std.Length}");
        if (!x.is_floating_point())
            throw new ArgumentException($"expected floating point images in [0,1], got {x.dtype}", nameof(x));
        if (x.dim() != 4 || x.shape[1] != Mean.Length)
            throw new ArgumentException(
                $"expected [B,{Mean.Length},H,W], got [{string.Join(",", x.shape)}]", nameof(x));
        using var scope = NewDisposeScope();
        var mean = tensor(Mean, dtype: x.dtype, device: x.device).view(1, Mean.Length, 1, 1);
        var std = tensor(Std, dtype: x.dtype, device: x.device).view(1, Std.Length, 1, 1);
        return ((x - mean) / std).MoveToOuterDisposeScope();
    }
}
