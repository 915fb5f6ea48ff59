namespace Ssl.Cloud.Trainer.Client;

/// <summary>What a download wrote: the files (full paths), how many were already there intact, bytes fetched.</summary>
public sealed record DownloadResult(IReadOnlyList<string> Files, int Skipped, long BytesFetched, TimeSpan Elapsed);
