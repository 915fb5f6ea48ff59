using static TorchSharp.torch;

namespace Ssl.Training.Data.Packing;

/// <summary>A batch from <see cref="PackedStream"/>: uint8 <c>[B,C,R,R]</c> and int64 <c>[B]</c> (null when unlabelled)
/// CPU tensors the caller owns.</summary>
public sealed record ImageBatch(Tensor Images, Tensor? Labels) : IDisposable
{
    public void Dispose()
    {
        Images.Dispose();
        Labels?.Dispose();
    }
}
