// Where the CPU time of PNG ingest goes (issue 13, item 4), per CPU-second of this process on one thread:
// inflating the IDAT data alone with .NET's zlib (zlib-ng, the least any PNG decoder does), SkiaSharp's whole
// decode, the resize that Packer does after it, and StbImageSharp. Reads the PNGs of a folder (recursively; make
// photo PNGs with tests/benchmarks/photo-pngs.py), or generates noisy ones when no folder is given.
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using SkiaSharp;
using StbImageSharp;

const int rounds = 3, resolution = 32;
var paths = args.Length > 0
    ? Directory.EnumerateFiles(args[0], "*.png", SearchOption.AllDirectories).Order()
        .Take(args.Length > 1 ? int.Parse(args[1]) : int.MaxValue).ToList()
    : [];
var files = args.Length > 0 ? paths.Select(File.ReadAllBytes).ToList() : Noisy(300, 256);
Console.WriteLine($"{files.Count} PNGs, {files.Average(f => f.Length) / 1024:F1} KiB on average; "
    + $"load average {File.ReadAllText("/proc/loadavg")[..14]}");
using (var d = SKData.CreateCopy(files[0]))
using (var c = SKCodec.Create(d)) // PNG has no reduced-scale decode: the codec offers no smaller size
    Console.WriteLine($"SKCodec.GetScaledDimensions(1/8) of the first file: {c.GetScaledDimensions(0.125f)}");
Measure("IDAT inflate only (zlib-ng)", f => Inflate(f));
if (files.All(f => f[24] == 8 && f[28] == 0 && f[25] is 0 or 2 or 6)) // 8-bit, not interlaced, no palette
{
    Measure("inflate + unfilter (managed)", f => Unfilter(f, Inflate(f)));
    Measure("inflate + unfilter + 8x8 box to 32", f => Box(f, Unfilter(f, Inflate(f))));
}
Measure("SkiaSharp decode (RGBA)", f => SkiaDecode(f).Dispose());
Measure("SkiaSharp decode + resize to 32", f => Resize(SkiaDecode(f)));
if (files.All(f => f[25] == 0)) // grayscale: decoded to Gray8, as ImageDecoder does, instead of expanded to RGBA
    Measure("SkiaSharp Gray8 decode + resize", f => Resize(SkiaDecode(f, SKColorType.Gray8)));
// What Packer adds per file besides the decode: the validation pass's SHA-256 (duplicates) and codec open.
Measure("SHA-256 of the file", f => System.Security.Cryptography.SHA256.HashData(f));
Measure("SKCodec open, no decode", f => { using var d = SKData.CreateCopy(f); SKCodec.Create(d).Dispose(); });
Measure("File.ReadAllBytes", f => File.ReadAllBytes(paths[f.Length % paths.Count]));
Measure("StbImageSharp decode", f => ImageResult.FromMemory(f, ColorComponents.RedGreenBlueAlpha));

void Measure(string name, Action<byte[]> decode)
{
    foreach (var f in files.Take(20)) decode(f);
    using var process = Process.GetCurrentProcess();
    var cpu = process.TotalProcessorTime;
    var wall = Stopwatch.StartNew();
    for (var r = 0; r < rounds; r++)
        foreach (var f in files) decode(f);
    process.Refresh();
    var cpuSeconds = (process.TotalProcessorTime - cpu).TotalSeconds;
    Console.WriteLine($"{name,-34} {rounds * files.Count / wall.Elapsed.TotalSeconds,8:F0} img/s "
        + $"{rounds * files.Count / cpuSeconds,8:F0} img/CPU-s");
}

static SKBitmap SkiaDecode(byte[] file, SKColorType type = SKColorType.Rgba8888)
{
    using var data = SKData.CreateCopy(file);
    using var codec = SKCodec.Create(data);
    var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, type,
        type == SKColorType.Gray8 ? SKAlphaType.Opaque : SKAlphaType.Premul);
    var bitmap = new SKBitmap(info);
    codec.GetPixels(info, bitmap.GetPixels());
    return bitmap;
}

// As ImageDecoder.Resample: a linear, mipmapped draw of the centre square over white.
static void Resize(SKBitmap source)
{
    using var _ = source;
    using var output = new SKBitmap(new SKImageInfo(resolution, resolution, source.ColorType, source.AlphaType));
    using var canvas = new SKCanvas(output);
    using var image = SKImage.FromPixels(source.PeekPixels());
    canvas.Clear(SKColors.White);
    canvas.DrawImage(image, new SKRect(0, 0, source.Width, source.Height), new SKRect(0, 0, resolution, resolution),
        new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
    canvas.Flush();
}

static byte[] Inflate(byte[] file)
{
    var idat = new MemoryStream();
    for (var at = 8; at + 8 <= file.Length;)
    {
        var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(at));
        if (file.AsSpan(at + 4, 4).SequenceEqual("IDAT"u8)) idat.Write(file, at + 8, length);
        at += 12 + length;
    }
    idat.Position = 0;
    using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
    var (width, height) = (BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(16)),
        BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(20)));
    var buffer = new byte[height * (1 + width * Channels(file))];
    zlib.ReadExactly(buffer);
    return buffer;
}

static int Channels(byte[] file) => file[25] switch { 0 => 1, 2 => 3, 4 => 2, 6 => 4, _ => 1 };

// PNG's five row filters undone in place (ISO/IEC 15948, 9.2), 8-bit samples.
static byte[] Unfilter(byte[] file, byte[] data)
{
    var bpp = Channels(file);
    var stride = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(16)) * bpp;
    var zero = new byte[stride];
    for (var y = 0; y * (stride + 1) < data.Length; y++)
    {
        var row = data.AsSpan(y * (stride + 1) + 1, stride);
        ReadOnlySpan<byte> up = y == 0 ? zero : data.AsSpan((y - 1) * (stride + 1) + 1, stride);
        switch (data[y * (stride + 1)])
        {
            case 1: for (var i = bpp; i < stride; i++) row[i] += row[i - bpp]; break;
            case 2: for (var i = 0; i < stride; i++) row[i] += up[i]; break;
            case 3:
                for (var i = 0; i < bpp; i++) row[i] += (byte)(up[i] >> 1);
                for (var i = bpp; i < stride; i++) row[i] += (byte)((row[i - bpp] + up[i]) >> 1);
                break;
            case 4:
                for (var i = 0; i < bpp; i++) row[i] += up[i];
                for (var i = bpp; i < stride; i++)
                {
                    int a = row[i - bpp], b = up[i], c = up[i - bpp];
                    int pa = Math.Abs(b - c), pb = Math.Abs(a - c), pc = Math.Abs(a + b - 2 * c);
                    row[i] += (byte)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
                }
                break;
        }
    }
    return data;
}

// The mean of each 8x8 block per channel: a 256 -> 32 downscale with no mipmaps and no copies.
static byte[] Box(byte[] file, byte[] data)
{
    var bpp = Channels(file);
    var width = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(16));
    var (stride, f) = (width * bpp, width / resolution);
    var sums = new int[resolution * bpp];
    var output = new byte[resolution * resolution * bpp];
    for (var y = 0; y < resolution * f; y++)
    {
        var row = data.AsSpan(y * (stride + 1) + 1, stride);
        for (var x = 0; x < resolution * f; x++)
            for (var c = 0; c < bpp; c++) sums[x / f * bpp + c] += row[x * bpp + c];
        if (y % f != f - 1) continue;
        for (var i = 0; i < sums.Length; i++) output[y / f * sums.Length + i] = (byte)(sums[i] / (f * f));
        Array.Clear(sums);
    }
    return output;
}

// Two flat halves with +-20 of noise, as photos of shapes: noise does not compress, so these flatter no decoder.
static List<byte[]> Noisy(int count, int side)
{
    var random = new Random(1);
    var files = new List<byte[]>();
    for (var i = 0; i < count; i++)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = bitmap.GetPixelSpan();
        for (var p = 0; p < side * side; p++)
        {
            var level = p / side < side / 2 ? 200 : 50;
            pixels[4 * p] = (byte)(level + random.Next(-20, 20));
            pixels[4 * p + 1] = (byte)(level + random.Next(-20, 20));
            pixels[4 * p + 2] = (byte)(100 + random.Next(-20, 20));
            pixels[4 * p + 3] = 255;
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 90);
        files.Add(png.ToArray());
    }
    return files;
}
