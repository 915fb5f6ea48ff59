// The floor of PNG decoding (issue 13, item 4): per CPU-second, SkiaSharp's whole decode of noisy 256x256 PNGs
// against inflating their IDAT data alone with .NET's zlib (zlib-ng), which any PNG decoder must do at least.
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using SkiaSharp;

const int side = 256, count = 300, rounds = 3;
var random = new Random(1);
var files = new List<byte[]>();
for (var i = 0; i < count; i++)
{
    using var bitmap = new SKBitmap(new SKImageInfo(side, side, SKColorType.Rgba8888, SKAlphaType.Opaque));
    var pixels = bitmap.GetPixelSpan();
    for (var p = 0; p < side * side; p++)
    {
        var level = p / side < side / 2 ? 200 : 50; // two flat halves with +-20 of noise, as photos of shapes
        pixels[4 * p] = (byte)(level + random.Next(-20, 20));
        pixels[4 * p + 1] = (byte)(level + random.Next(-20, 20));
        pixels[4 * p + 2] = (byte)(100 + random.Next(-20, 20));
        pixels[4 * p + 3] = 255;
    }
    using var image = SKImage.FromBitmap(bitmap);
    using var png = image.Encode(SKEncodedImageFormat.Png, 90);
    files.Add(png.ToArray());
}
Console.WriteLine($"{count} PNGs of {side}x{side}, {files.Average(f => f.Length) / 1024:F0} KiB on average; "
    + $"load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
Measure("SkiaSharp decode (RGBA)", SkiaDecode);
Measure("IDAT inflate only (zlib-ng)", InflateOnly);

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
    Console.WriteLine($"{name,-30} {rounds * count / wall.Elapsed.TotalSeconds,8:F0} img/s "
        + $"{rounds * count / cpuSeconds,8:F0} img/CPU-s");
}

static void SkiaDecode(byte[] file)
{
    using var data = SKData.CreateCopy(file);
    using var codec = SKCodec.Create(data);
    var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
    using var bitmap = new SKBitmap(info);
    codec.GetPixels(info, bitmap.GetPixels());
}

static void InflateOnly(byte[] file)
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
    var buffer = new byte[side * (side * 4 + 1)];
    while (zlib.Read(buffer) > 0) { }
}
