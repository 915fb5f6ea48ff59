namespace Ssl.Cloud.Trainer.Client;

/// <summary>Counters that parallel transfers update and a display reads: files and bytes, done and total.</summary>
public sealed class TransferProgress(int totalFiles, long totalBytes)
{
    long doneBytes;
    int doneFiles;
    int skippedFiles;

    public int TotalFiles => totalFiles;
    public long TotalBytes => totalBytes;
    public long DoneBytes => Interlocked.Read(ref doneBytes);
    public int DoneFiles => Volatile.Read(ref doneFiles);
    public int SkippedFiles => Volatile.Read(ref skippedFiles);

    public void AddBytes(long bytes) => Interlocked.Add(ref doneBytes, bytes);

    public void FileDone() => Interlocked.Increment(ref doneFiles);

    /// <summary>A file that needed no transfer (already there): it counts as done, bytes included.</summary>
    public void FileSkipped(long bytes)
    {
        Interlocked.Increment(ref skippedFiles);
        AddBytes(bytes);
        FileDone();
    }
}
