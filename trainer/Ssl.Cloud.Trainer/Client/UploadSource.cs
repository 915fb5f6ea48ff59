namespace Ssl.Cloud.Trainer.Client;

/// <summary>What <c>ssl datasets upload</c> sends: every file under a folder (class = sub-folder), or one zip
/// archive as <c>data.zip</c>, which the API validates entry by entry at commit.</summary>
public static class UploadSource
{
    public const string ArchiveName = "data.zip";

    public static IReadOnlyList<LocalFile> List(string path)
    {
        if (File.Exists(path))
        {
            if (!path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"'{path}' is a file but not a .zip archive; upload a folder or a zip.");
            return [new LocalFile(ArchiveName, Path.GetFullPath(path), new FileInfo(path).Length)];
        }
        if (!Directory.Exists(path))
            throw new DirectoryNotFoundException($"'{path}' is neither a folder nor a zip archive.");
        var root = Path.GetFullPath(path);
        var files = new DirectoryInfo(root).EnumerateFiles("*", SearchOption.AllDirectories)
            .Where(f => !IsHidden(Path.GetRelativePath(root, f.FullName)))
            .Select(f => new LocalFile(Path.GetRelativePath(root, f.FullName).Replace('\\', '/'), f.FullName, f.Length))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0) throw new ArgumentException($"'{path}' holds no files to upload.");
        return files;
    }

    /// <summary>Dot files and folders (.DS_Store, .git) are the file system's, not the dataset's.</summary>
    static bool IsHidden(string relative) => relative.Split('/', '\\').Any(part => part.StartsWith('.'));

    /// <summary>A dataset id from the folder's or archive's name, so a rerun of the same command resumes the same
    /// dataset; null when the name cannot become one (then --id is needed).</summary>
    public static string? DefaultId(string path)
    {
        var name = Path.GetFileNameWithoutExtension(Path.GetFullPath(path).TrimEnd('/', '\\'));
        var id = new string([.. name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]).Trim('-');
        return Ssl.Cloud.Core.Validation.Identifier.IsValid(id) ? id : null;
    }
}
