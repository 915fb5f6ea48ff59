using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Functions.Configuration;
using Ssl.Imaging;

namespace Ssl.Cloud.Functions.Datasets;

/// <summary>One image judged by its first bytes: format by magic bytes, size and declared pixels within the limits.
/// The label is the first folder of <paramref name="labelPath"/> (ImageFolder's class folders).</summary>
public sealed class ImageCheck(IOptions<PipelineOptions> options)
{
    public FileVerdict Judge(string path, string labelPath, long sizeBytes, ReadOnlySpan<byte> head)
    {
        var limits = options.Value;
        if (sizeBytes > limits.MaxFileBytes)
            return FileVerdict.Reject(path, $"{sizeBytes} bytes; at most {limits.MaxFileBytes} per file");
        var (header, reason) = ImageHeader.Read(head);
        if (header is null) return FileVerdict.Reject(path, reason!);
        if (header.Width * header.Height > limits.MaxPixels)
            return FileVerdict.Reject(path,
                $"{header.Width}x{header.Height} pixels; at most {limits.MaxPixels} per image");
        var slash = labelPath.IndexOf('/');
        return new FileVerdict([new ManifestFile
        {
            Path = path,
            SizeBytes = sizeBytes,
            Format = header.Format,
            Width = (int)header.Width,
            Height = (int)header.Height,
            Label = slash > 0 ? labelPath[..slash] : null,
        }], []);
    }

    /// <summary>Up to <see cref="ImageHeader.ReadBytes"/> from <paramref name="stream"/>: the header, never all
    /// the pixels, and never more than that from an entry whose directory lies about its size.</summary>
    public static async Task<byte[]> ReadHeadAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new byte[ImageHeader.ReadBytes];
        var length = 0;
        int read;
        while (length < buffer.Length
            && (read = await stream.ReadAsync(buffer.AsMemory(length), ct)) > 0)
            length += read;
        return buffer[..length];
    }
}
