using System.Globalization;

namespace Ssl.Training.Data;

/// <summary>How much memory a training process may take: the model's training step (runtime, LibTorch, weights,
/// a step's activations, measured after warm-up steps) comes first, and the data get the rest (<see
/// cref="DataShare"/>): a dataset within that share is loaded whole (and put on the device), a larger one is
/// streamed shard by shard. Written as <c>512M</c>, <c>4G</c> (binary units; a bare number is MiB).</summary>
public static class MemoryBudget
{
    /// <summary>Share of the memory available now that the training process may take; the rest stays with the page
    /// cache that shards are read through and with other processes.</summary>
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

    /// <summary>What the data may hold of a process budget of <paramref name="processBytes"/> after the model's
    /// training step took <paramref name="modelBytes"/> of it (the process's peak resident memory over warm-up
    /// steps without data).</summary>
    /// <param name="minimumDataBytes">The least the data can work in: the whole dataset, or what streaming it
    /// needs if that is less (<see cref="TrainingData.MinimumStreamBytes"/>).</param>
    /// <exception cref="ArgumentException">What is left is under the minimum; the message names
    /// <paramref name="field"/>, the model's part and the smallest budget that works.</exception>
    public static long DataShare(long processBytes, long modelBytes, long minimumDataBytes,
        string field = "--memory-budget")
    {
        var left = processBytes - modelBytes;
        if (left >= minimumDataBytes) return left;
        throw new ArgumentException(
            $"{field}: {Mib(processBytes)} is the budget of the whole training process; the model's training step "
            + $"takes {Mib(modelBytes)} of it (resident memory after warm-up steps), which leaves "
            + $"{Mib(Math.Max(0, left))} for the data, under the {Mib(minimumDataBytes)} they need: give at least "
            + $"{Mib(modelBytes + minimumDataBytes)}, or a smaller batch size or resolution.");
    }

    static string Mib(long bytes) => $"{(bytes + (1 << 20) - 1) >> 20} MiB";

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
