using Ssl.Imaging;
using static TorchSharp.torch;

namespace Ssl.Training.Data;

/// <summary>Reads a folder of PNG/JPEG/GIF/WebP/BMP images into memory, decoding each file once, in parallel.
/// Class = sub-folder name (ordinal-sorted); a folder without sub-folders is unlabelled. Files next to class
/// folders and files without an image extension are ignored. A file that cannot be decoded is an error naming it;
/// <see cref="Packing.Packer"/> instead lists such files as rejects and carries on.</summary>
public static class ImageFolderReader
{
    public static DatasetSplit Read(string folder, ImageFolderOptions? options = null)
    {
        options ??= new ImageFolderOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Resolution, 1);
        var scan = ImageFolderScan.Of(folder, options.TestFraction, ImageHeader.HasImageExtension);
        if (scan.Files.Count == 0)
            throw new DatasetException($"{folder}: no image files (.png, .jpg, .jpeg, .gif, .webp, .bmp) found");
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)));
        var train = Decode(scan.Files.Where(f => !f.IsTest).ToList(), $"{name}/train", scan, options);
        try
        {
            var test = Decode(scan.Files.Where(f => f.IsTest).ToList(), $"{name}/test", scan, options);
            return new DatasetSplit(train, test);
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    static ImageDataset Decode(
        IReadOnlyList<ImageFileEntry> files, string name, ImageFolderScan scan, ImageFolderOptions options)
    {
        var res = options.Resolution;
        var imageBytes = ImageDecoder.Channels(options.Color) * res * res;
        if ((long)files.Count * imageBytes > Array.MaxLength)
            throw new DatasetException($"{name}: {files.Count} images at {res}x{res} do not fit one in-memory buffer; "
                + "pack the folder instead");
        var pixels = new byte[(long)files.Count * imageBytes];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism ?? -1 };
        try
        {
            Parallel.For(0, files.Count, parallel,
                i => DecodeOne(files[i].Path, pixels.AsSpan(i * imageBytes, imageBytes), options));
        }
        catch (AggregateException e) when (e.InnerExceptions.FirstOrDefault(x => x is DatasetException) is { } first)
        {
            // The first failure by file order would be nicer, but any one named file is enough to act on.
            throw new DatasetException(first.Message, e);
        }
        var images = tensor(pixels, [files.Count, ImageDecoder.Channels(options.Color), res, res]);
        var labels = scan.Labelled ? tensor(files.Select(f => (long)f.Label).ToArray()) : null;
        return new ImageDataset(name, images, labels, scan.ClassNames);
    }

    static void DecodeOne(string path, Span<byte> chw, ImageFolderOptions options)
    {
        byte[] encoded;
        try
        {
            encoded = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DatasetException($"{path}: cannot read ({e.Message})", e);
        }
        var reason = ImageDecoder.TryDecode(
            encoded, options.Resolution, options.Color, options.Limits, chw, options.Resize);
        if (reason is not null) throw new DatasetException($"{path}: {reason}");
    }
}
