using System.Globalization;

namespace Ssl.Training.Data;

/// <summary>How many bytes of images a run may hold in memory: a dataset within it is loaded whole (and put on the
/// device), a larger one is streamed shard by shard. Written as <c>512M</c>, <c>4G</c> (binary units; a bare
/// number is MiB).</summary>
public static class MemoryBudget
{
    /// <summary>Share of the memory available now that a resident dataset may take: the rest is for the runtime,
    /// the model, its activations and the evaluation.</summary>
    public const double AvailableShare = 0.5;

    /// <summary>Half of the memory available to this process: the smaller of the machine's available memory
    /// (<c>MemAvailable</c> in <c>/proc/meminfo</c>, else the GC's view, which honours container limits) and the
    /// GC's limit; on a CUDA device also half of the device's total memory, since a resident set is copied
    /// there.</summary>
    public static long Default(long? deviceTotalBytes = null)
    {
        var available = Math.Min(MemAvailable() ?? long.MaxValue, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
        var budget = (long)(available * AvailableShare);
        if (deviceTotalBytes is { } device) budget = Math.Min(budget, (long)(device * AvailableShare));
        return budget;
    }

    /// <exception cref="ArgumentException">Not a positive size; the message names <paramref name="field"/>.</exception>
    public static long Parse(string text, string field = "memory-budget")
    {
        var t = text.Trim().ToUpperInvariant().TrimEnd('B').TrimEnd('I');
        var (digits, shift) = t.Length == 0 ? (t, 20) : t[^1] switch
        {
            'K' => (t[..^1], 10),
            'M' => (t[..^1], 20),
            'G' => (t[..^1], 30),
            'T' => (t[..^1], 40),
            _ => (t, 20),
        };
        if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !(value > 0)
            || value * Math.Pow(2, shift) >= long.MaxValue)
            throw new ArgumentException(
                $"{field}: '{text}' is not a size; expected e.g. 512M or 4G (a bare number is MiB)");
        return (long)(value * Math.Pow(2, shift));
    }

    static long? MemAvailable()
    {
        const string path = "/proc/meminfo";
        if (!File.Exists(path)) return null;
        foreach (var line in File.ReadLines(path))
            if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                return 1024 * long.Parse(line["MemAvailable:".Length..].Trim().Split(' ')[0],
                    CultureInfo.InvariantCulture);
        return null;
    }
}
