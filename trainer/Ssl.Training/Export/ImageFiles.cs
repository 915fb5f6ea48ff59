using Ssl.Imaging;
using Ssl.Training.Data;
using static TorchSharp.torch;

namespace Ssl.Training.Export;

/// <summary>Loads the images to embed: one file, or every image file under a folder (recursively, sorted by path),
/// decoded once with the dataset decoder (shorter side scaled to the resolution, centre crop).</summary>
public static class ImageFiles
{
    /// <returns>uint8 [N, C, R, R] and the file of each row. Errors name the file or folder.</returns>
    public static (Tensor Images, IReadOnlyList<string> Files) Load(string input, int resolution, int channels)
    {
        string[] files;
        if (Directory.Exists(input))
        {
            files = Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
                .Where(ImageHeader.HasImageExtension)
                .Order(StringComparer.Ordinal).ToArray();
            if (files.Length == 0) throw new InvalidDataException($"{input} holds no image files (.png, .jpg, ...).");
        }
        else if (File.Exists(input)) files = [input];
        else throw new FileNotFoundException($"{input} does not exist.", input);

        var color = channels == 1 ? ColorMode.Grayscale : ColorMode.Rgb;
        var size = channels * resolution * resolution;
        var buffer = new byte[files.Length * size];
        for (var i = 0; i < files.Length; i++)
        {
            var reason = ImageDecoder.TryDecode(File.ReadAllBytes(files[i]), resolution, color, ImageLimits.Default,
                buffer.AsSpan(i * size, size));
            if (reason is not null) throw new InvalidDataException($"{files[i]}: {reason}");
        }
        return (tensor(buffer, [files.Length, channels, resolution, resolution], ScalarType.Byte), files);
    }
}
