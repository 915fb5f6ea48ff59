namespace Ssl.Training.IO;

/// <summary>Writes a file so that it either appears complete under its name or not at all: the bytes go to a
/// hidden temp file in the same folder (same file system, so the rename is atomic), are flushed to disk, and the
/// temp file is renamed over the target.</summary>
internal static class AtomicFile
{
    public const string TempMarker = ".tmp-";

    public static void Write(string path, Action<Stream> write) =>
        WriteVia(path, temp =>
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
            write(stream);
            stream.Flush(flushToDisk: true);
        });

    /// <summary>The same for a writer that takes a path (a library's save function): it writes the temp file,
    /// which is then flushed to disk and renamed over <paramref name="path"/>.</summary>
    public static void WriteVia(string path, Action<string> writeTemp)
    {
        var temp = TempFor(path);
        try
        {
            writeTemp(temp);
            // A writer that closed the file may have left it in the page cache: the rename must not outrun the bytes.
            using (var written = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite))
                written.Flush(flushToDisk: true);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>The same for an asynchronous writer (a download). The stream is readable too, so the writer may
    /// check what it wrote (a length, a hash) and throw: then the temp file is deleted and nothing appears at
    /// <paramref name="path"/>.</summary>
    public static async Task WriteAsync(string path, Func<Stream, Task> write, CancellationToken ct)
    {
        var temp = TempFor(path);
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
                             1 << 20, useAsync: true))
            {
                await write(stream);
                stream.Flush(flushToDisk: true);
            }
            ct.ThrowIfCancellationRequested();
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>A hidden temp file beside <paramref name="path"/> (same file system, so the rename is atomic); its
    /// folder is created.</summary>
    static string TempFor(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $".{Path.GetFileName(path)}{TempMarker}{Guid.NewGuid():N}");
    }

    /// <summary>Removes temp files a crashed writer left in <paramref name="folder"/>.</summary>
    public static void CleanUp(string folder)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var temp in Directory.EnumerateFiles(folder, $".*{TempMarker}*")) File.Delete(temp);
    }
}
