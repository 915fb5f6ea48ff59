using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Data;

/// <summary>Images held in memory as uint8 <c>[N, C, H, W]</c> on the CPU, with optional int64 labels <c>[N]</c>.
/// Decoding happens once, when the dataset is built; training converts per batch on the device.</summary>
public sealed class ImageDataset : IDisposable
{
    public ImageDataset(string name, Tensor images, Tensor? labels, IReadOnlyList<string> classNames)
    {
        if (images.dtype != ScalarType.Byte || images.dim() != 4)
            throw new ArgumentException(
                $"images must be uint8 [N,C,H,W], got {images.dtype} [{string.Join(",", images.shape)}]",
                nameof(images));
        if (labels is not null
            && (labels.dtype != ScalarType.Int64 || labels.shape.Length != 1 || labels.shape[0] != images.shape[0]))
            throw new ArgumentException(
                $"labels must be int64 [{images.shape[0]}], got {labels.dtype} [{string.Join(",", labels.shape)}]",
                nameof(labels));
        Name = name;
        Images = images;
        Labels = labels;
        ClassNames = classNames;
    }

    public string Name { get; }
    public Tensor Images { get; }
    public Tensor? Labels { get; }
    public IReadOnlyList<string> ClassNames { get; }

    public int Count => (int)Images.shape[0];
    public int Channels => (int)Images.shape[1];
    public int Height => (int)Images.shape[2];
    public int Width => (int)Images.shape[3];

    /// <summary>The first <paramref name="count"/> images (or all, if fewer); a view, not a copy.</summary>
    public ImageDataset Take(int count) =>
        count >= Count
            ? this
            : new ImageDataset(Name, Images.narrow(0, 0, count), Labels?.narrow(0, 0, count), ClassNames);

    public void Dispose()
    {
        Images.Dispose();
        Labels?.Dispose();
    }
}
