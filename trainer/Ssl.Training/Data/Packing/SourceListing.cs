using System.IO.Compression;

namespace Ssl.Training.Data.Packing;

/// <summary>Every file of an image-folder source, with zip archives (the source itself, or archives inside the
/// folder) expanded in place without touching the disk. Hidden files and folders are skipped.</summary>
internal sealed class SourceListing : IDisposable
{
    readonly List<ZipArchive> archives = [];

    SourceListing() { }

    public List<SourceItem> Items { get; } = [];
    public List<RejectedFile> Rejected { get; } = [];

    /// <summary>Relative folders, including empty ones (they may be empty classes).</summary>
    public HashSet<string> Directories { get; } = new(StringComparer.Ordinal);

    public static SourceListing Of(string source, ZipLimits limits)
    {
        var listing = new SourceListing();
        if (File.Exists(source))
        {
            listing.AddZip(source, "", Path.GetFileName(source), limits);
            return listing;
        }
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
            IgnoreInaccessible = true,
        };
        foreach (var dir in Directory.EnumerateDirectories(source, "*", options))
            listing.Directories.Add(Relative(source, dir));
        foreach (var path in Directory.EnumerateFiles(source, "*", options).Order(StringComparer.Ordinal))
        {
            var relative = Relative(source, path);
            if (IsZip(path))
            {
                var folder = Path.GetDirectoryName(relative)?.Replace('\\', '/') ?? "";
                listing.AddZip(path, folder.Length == 0 ? "" : folder + "/", relative, limits);
            }
            else
            {
                listing.Items.Add(new DiskItem(path, relative, new FileInfo(path).Length));
            }
        }
        return listing;
    }

    void AddZip(string path, string prefix, string display, ZipLimits limits)
    {
        var archive = ZipExpander.Expand(path, prefix, display, limits, Items, Rejected, Directories);
        if (archive is not null) archives.Add(archive);
    }

    /// <summary>By content: a zip's local-file-header magic, whatever the extension.</summary>
    static bool IsZip(string path)
    {
        if (path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)) return true;
        Span<byte> head = stackalloc byte[4];
        try
        {
            using var file = File.OpenRead(path);
            return file.ReadAtLeast(head, 4, throwOnEndOfStream: false) == 4 && head.SequenceEqual("PK\x03\x04"u8);
        }
        catch (IOException)
        {
            return false;
        }
    }

    static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    public void Dispose()
    {
        foreach (var a in archives) a.Dispose();
    }
}
