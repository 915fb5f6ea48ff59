namespace Ssl.Training.Data.Packing;

/// <summary>The process's resident memory from <c>/proc/self/status</c> (Linux): VmRSS now, VmHWM the peak.
/// Writing 5 to <c>/proc/self/clear_refs</c> resets the peak to the current RSS (Linux 4.0+), so a phase's own peak
/// can be measured. Elsewhere the values are null.</summary>
internal static class ProcessMemory
{
    const string Status = "/proc/self/status";

    public static long? ResidentBytes => Read("VmRSS:");

    public static long? PeakResidentBytes => Read("VmHWM:");

    /// <returns>Whether the peak was reset; if not, the peak covers the process's whole life.</returns>
    public static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    static long? Read(string key)
    {
        if (!File.Exists(Status)) return null;
        foreach (var line in File.ReadLines(Status))
            if (line.StartsWith(key, StringComparison.Ordinal))
                return long.Parse(line[key.Length..].Trim().Split(' ')[0],
                    System.Globalization.CultureInfo.InvariantCulture) * 1024;
        return null;
    }
}
