namespace Ssl.Cloud.Trainer.Client;

/// <summary>How uploads and downloads run: parallel files, attempts per file, link page size.</summary>
public sealed class TransferOptions
{
    /// <summary>Files in flight at once.</summary>
    public int Parallelism { get; init; } = 8;

    /// <summary>Tries per file, the first included, before the command fails naming the file.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>First retry delay; doubles with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A file larger than this is uploaded in blocks of <see cref="BlockBytes"/>, not in one PUT (256 MiB: the
    /// single-PUT limit of older storage versions, and more than one failed request should resend).</summary>
    public long BlockUploadThreshold { get; init; } = 256L << 20;

    /// <summary>Block size of a block upload.</summary>
    public int BlockBytes { get; init; } = 16 << 20;

    /// <summary>Files per upload-links call (docs/api.md: at most 1,000).</summary>
    public int PageSize { get; init; } = 1000;
}
