using Ssl.Training.Native;
using static TorchSharp.torch;

namespace Ssl.Training.Data;

/// <summary>Brings an already-decoded uint8 dataset (IDX, CIFAR) to a resolution and channel layout: shorter side
/// scaled with antialiased bilinear interpolation, centre crop, BT.601 luma or channel replication.</summary>
internal static class TensorResize
{
    const int Chunk = 2048; // bounds the float copy: 2048 x 3 x 96 x 96 x 4 bytes = 226 MB at most

    public static ImageDataset Apply(ImageDataset source, int? resolution, ColorMode? color)
    {
        var channels = color is null ? source.Channels : ImageDecoder.Channels(color.Value);
        var res = resolution ?? -1;
        if (channels == source.Channels && (res < 0 || (source.Height == res && source.Width == res))) return source;
        if (channels != 1 && channels != 3 || source.Channels is not (1 or 3))
            throw new DatasetException($"{source.Name}: cannot convert {source.Channels} channel(s) to {channels}");
        var parts = new List<Tensor>();
        try
        {
            for (var start = 0; start < source.Count; start += Chunk)
            {
                using var scope = NewDisposeScope();
                var x = source.Images.narrow(0, start, Math.Min(Chunk, source.Count - start)).to(float32);
                if (channels == 1 && source.Channels == 3)
                    x = (x * tensor(new[] { 0.299f, 0.587f, 0.114f }).view(1, 3, 1, 1)).sum(1, keepdim: true);
                else if (channels == 3 && source.Channels == 1)
                    x = x.expand(-1, 3, -1, -1);
                if (res > 0) x = ShorterSideCentreCrop(x, res);
                parts.Add(x.round().Clamp(0, 255).to(uint8).MoveToOuterDisposeScope());
            }
            var images = parts.Count == 0
                ? zeros([0, channels, res > 0 ? res : source.Height, res > 0 ? res : source.Width], uint8)
                : cat(parts, 0);
            return new ImageDataset(source.Name, images, source.Labels?.clone(), source.ClassNames);
        }
        finally
        {
            foreach (var p in parts) p.Dispose();
        }
    }

    static Tensor ShorterSideCentreCrop(Tensor x, int res)
    {
        var (h, w) = (x.shape[2], x.shape[3]);
        var (nh, nw) = h <= w
            ? ((long)res, Math.Max(res, (long)Math.Round((double)w * res / h)))
            : (Math.Max(res, (long)Math.Round((double)h * res / w)), (long)res);
        if (nh != h || nw != w)
            x = nn.functional.interpolate(x, [nh, nw], mode: InterpolationMode.Bilinear, align_corners: false,
                antialias: true);
        return x.narrow(2, (nh - res) / 2, res).narrow(3, (nw - res) / 2, res);
    }
}
