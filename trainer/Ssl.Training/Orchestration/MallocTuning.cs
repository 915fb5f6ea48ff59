using System.Runtime.InteropServices;

namespace Ssl.Training.Orchestration;

/// <summary>glibc malloc tuning from inside the process (issue 12, item 5). LibTorch allocates and frees
/// multi-megabyte activation buffers every step; by default glibc serves those with mmap and returns freed heap
/// to the kernel, so each step pays page faults and zeroing again. The environment-variable form of the same
/// settings (<c>MALLOC_MMAP_THRESHOLD_</c>, <c>MALLOC_TRIM_THRESHOLD_</c>, <c>MALLOC_TOP_PAD_</c>) gave +5-10% on
/// an idle 2-core machine and up to 2x on a loaded one (shared/NOTES-torchsharp.md); this applies it without
/// asking the user to set variables. Variables the user did set win; <c>SSL_MALLOC_TUNING=0</c> turns it off
/// (to measure it).</summary>
public static class MallocTuning
{
    // mallopt parameter numbers from glibc's malloc.h.
    const int TrimThreshold = -1;
    const int TopPad = -2;
    const int MmapThreshold = -3;

    /// <summary>glibc's largest accepted mmap threshold on 64-bit (DEFAULT_MMAP_THRESHOLD_MAX, 32 MiB).</summary>
    const int MaxMmapThreshold = 32 * 1024 * 1024;

    public const string SwitchVariable = "SSL_MALLOC_TUNING";

    /// <returns>Whether the settings were applied.</returns>
    public static bool Apply()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(SwitchVariable) == "0") return false;
        if (new[] { "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_" }
            .Any(v => Environment.GetEnvironmentVariable(v) is not null)) return false;
        try
        {
            // mallopt returns 1 on success, 0 on a rejected value.
            return mallopt(MmapThreshold, MaxMmapThreshold) == 1
                & mallopt(TrimThreshold, int.MaxValue) == 1
                & mallopt(TopPad, 1 << 30) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;  // not glibc (e.g. musl): nothing to tune
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    static extern int mallopt(int param, int value);
}
