using System.IO.Compression;

namespace Ssl.Training.Data.Packing;

/// <summary>Lists the entries of a zip archive as source items without extracting anything to disk, refusing
/// zip-slip names (<c>..</c> segments, absolute or drive-rooted paths), nested archives and zip bombs (too many
/// entries, too many declared bytes, an entry compressed beyond a plausible ratio).</summary>
internal static class ZipExpander
{
    /// <param name="prefix">Relative folder the archive lies in ("" for an archive given as the source).</param>
    /// <param name="display">How rejects name the archive.</param>
    /// <returns>The open archive (the caller disposes it) or null when the whole archive was rejected.</returns>
    public static ZipArchive? Expand(string zipPath, string prefix, string display, ZipLimits limits,
        List<SourceItem> items, List<RejectedFile> rejected, HashSet<string> directories)
    {
        ZipArchive archive;
        IReadOnlyList<ZipArchiveEntry> entries;
        try
        {
            archive = ZipFile.OpenRead(zipPath);
            entries = archive.Entries;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            rejected.Add(new RejectedFile(display, $"unreadable zip archive: {e.Message}"));
            return null;
        }
        var declared = entries.Sum(e => e.Length);
        var whole = entries.Count > limits.MaxEntries
            ? $"zip bomb: {entries.Count} entries, over the limit of {limits.MaxEntries}"
            : declared > limits.MaxUncompressedBytes
                ? $"zip bomb: {declared} bytes uncompressed, over the limit of {limits.MaxUncompressedBytes}"
                : null;
        if (whole is not null)
        {
            rejected.Add(new RejectedFile(display, whole));
            archive.Dispose();
            return null;
        }
        foreach (var entry in entries)
        {
            var name = entry.FullName.Replace('\\', '/');
            var where = $"{display}!{entry.FullName}";
            if (Unsafe(name))
            {
                rejected.Add(new RejectedFile(where,
                    "zip slip: the entry's path is absolute or climbs out of the archive with '..'"));
                continue;
            }
            var relative = prefix +
                string.Join('/', name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != "."));
            if (name.EndsWith('/'))
            {
                AddDirectories(relative, directories);
                continue;
            }
            if (Path.GetFileName(relative).StartsWith('.') || relative.Contains("/.")) continue; // hidden, as on disk
            AddDirectories(Path.GetDirectoryName(relative)?.Replace('\\', '/') ?? "", directories);
            if (entry.Length > 0
                && entry.Length / (double)Math.Max(1, entry.CompressedLength) > limits.MaxCompressionRatio)
                rejected.Add(new RejectedFile(where,
                    $"zip bomb: {entry.CompressedLength} bytes inflate to {entry.Length}, over the ratio limit "
                    + $"of {limits.MaxCompressionRatio}"));
            else if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                rejected.Add(new RejectedFile(where, "nested archive: archives inside archives are not opened"));
            else
                items.Add(new ZipItem(archive, entry, relative, where));
        }
        return archive;
    }

    static bool Unsafe(string name) =>
        name.StartsWith('/') || name.Contains('\0') || (name.Length >= 2 && name[1] == ':')
        || name.Split('/').Any(segment => segment == "..");

    static void AddDirectories(string relative, HashSet<string> directories)
    {
        for (var dir = relative.TrimEnd('/'); dir.Length > 0; dir = Path.GetDirectoryName(dir)?.Replace('\\', '/')
            ?? "")
            directories.Add(dir);
    }
}
