using static TorchSharp.torch;

namespace Ssl.Training.Native;

/// <summary>TorchSharp's <c>BatchNorm1d</c> / <c>BatchNorm2d</c> (the same base class, parameters, buffers and
/// state-dict names, so checkpoints and torchvision exports are unchanged) with a forward that hands LibTorch no
/// unowned Scalar. TorchSharp's counts batches with <c>num_batches_tracked.add_(1)</c>, two implicit Scalars that a
/// collection on another thread can free during the call (issue 19: "For integral input tensors, argument alpha
/// must not be a floating point number" and "Unknown scalar type" under <c>SSL_STRESS_COLLECT=1</c>); here the count
/// goes through <see cref="ScalarMath"/>. Everything else is TorchSharp's forward, line for line.</summary>
public sealed class BatchNormalization : TorchSharp.Modules.BatchNorm
{
    readonly long[] dimensions;

    BatchNormalization(long features, bool affine, long[] dimensions, string name)
        : base(features, 1e-5, 0.1, affine, track_running_stats: true, device: null, dtype: null, name) =>
        this.dimensions = dimensions;

    /// <summary>PyTorch's <c>nn.BatchNorm1d(features, affine=affine)</c>: input [N, C] or [N, C, L].</summary>
    public static BatchNormalization For1d(long features, bool affine = true) =>
        new(features, affine, [2, 3], "BatchNorm1d");

    /// <summary>PyTorch's <c>nn.BatchNorm2d(features)</c>: input [N, C, H, W].</summary>
    public static BatchNormalization For2d(long features) => new(features, true, [4], "BatchNorm2d");

    protected override void ValidateInputDimensions(Tensor input)
    {
        if (!dimensions.Contains(input.ndim))
            throw new ArgumentException(
                $"expected {string.Join(" or ", dimensions.Select(d => $"{d}D"))} input, but got {input.ndim}D input.");
    }

    public override Tensor forward(Tensor input)
    {
        ValidateInputDimensions(input);
        var averageFactor = momentum ?? 0.0;
        if (training && track_running_stats && num_batches_tracked is { } tracked)
        {
            tracked.AddInPlace(1L);
            if (momentum is null) averageFactor = 1.0 / tracked.Value();
        }
        var normaliseWithBatch = training || (running_mean is null && running_var is null);
        var useRunning = !training || track_running_stats;
        return nn.functional.batch_norm(input, useRunning ? running_mean : null, useRunning ? running_var : null,
            weight, bias, normaliseWithBatch, averageFactor, eps);
    }
}
