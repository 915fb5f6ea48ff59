using static TorchSharp.torch;

namespace Ssl.Training.Encoders;

/// <summary>PyTorch's <c>channels_last</c> memory format, which TorchSharp 0.107 has no API for: the same NCHW shape
/// with NHWC strides. LibTorch's CPU convolutions (oneDNN) pick their NHWC kernels for such an input and hand the
/// format on to the next layer (BN and ReLU keep it), so converting the encoder's input is enough. The values are
/// unchanged; the kernels differ, so results agree to float rounding, not bit for bit.</summary>
public static class ChannelsLast
{
    /// <summary>A copy of <paramref name="images"/> <c>[N, C, H, W]</c> with NHWC strides.</summary>
    public static Tensor Of(Tensor images)
    {
        using var nhwc = images.permute(0, 2, 3, 1);
        using var dense = nhwc.contiguous();
        return dense.permute(0, 3, 1, 2);
    }

    /// <summary>Whether <paramref name="t"/> <c>[N, C, H, W]</c> has NHWC strides (channels vary fastest).</summary>
    public static bool Has(Tensor t) => t.dim() == 4 && t.stride(1) == 1 && t.stride(3) == t.shape[1];
}
