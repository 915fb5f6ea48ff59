namespace Ssl.Training.Data;

/// <summary>One file found under an image folder: where it is, its class (-1 when unlabelled), its split.</summary>
internal sealed record ImageFileEntry(string Path, string RelativePath, int Label, bool IsTest);

/// <summary>The layout of an image folder. Sub-folders are classes (ordinal-sorted names); a folder with no
/// sub-folders is unlabelled. With <c>train/</c> and <c>test/</c> sub-folders those define the split and the classes
/// are their sub-folders; otherwise a stable hash of the relative path sends about <c>testFraction</c> of the files
/// to the test split, the same ones on every machine.</summary>
internal sealed record ImageFolderScan(IReadOnlyList<string> ClassNames, IReadOnlyList<ImageFileEntry> Files,
    IReadOnlyList<string> Ignored)
{
    public bool Labelled => ClassNames.Count > 0;

    /// <param name="include">Which files to take (the reader: image extensions; the packer: everything).</param>
    public static ImageFolderScan Of(string folder, double testFraction, Func<string, bool> include)
    {
        if (!Directory.Exists(folder)) throw new DatasetException($"{folder}: no such folder");
        var train = Path.Combine(folder, "train");
        var test = Path.Combine(folder, "test");
        if (Directory.Exists(train) && Directory.Exists(test))
        {
            var names = SubFolders(train).Concat(SubFolders(test)).Distinct().Order(StringComparer.Ordinal).ToList();
            var ignored = new List<string>();
            var files = Collect(folder, train, names, _ => false, include, ignored)
                .Concat(Collect(folder, test, names, _ => true, include, ignored)).ToList();
            ignored.AddRange(
                ListFiles(folder, SearchOption.TopDirectoryOnly).Where(include).Select(p => Relative(folder, p)));
            return new ImageFolderScan(names, files, ignored);
        }
        var classes = SubFolders(folder);
        var all = new List<string>();
        var entries = Collect(folder, folder, classes, rel => StableHash.InFraction(rel, testFraction), include, all);
        return new ImageFolderScan(classes, entries, all);
    }

    static List<string> SubFolders(string folder) =>
        Directory.EnumerateDirectories(folder).Select(Path.GetFileName).OfType<string>()
            .Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal).ToList();

    static List<ImageFileEntry> Collect(string root, string folder, IReadOnlyList<string> classes,
        Func<string, bool> isTest, Func<string, bool> include, List<string> ignored)
    {
        var found = new List<ImageFileEntry>();
        if (classes.Count == 0 || !SubFolders(folder).Any())
        {
            foreach (var path in ListFiles(folder, SearchOption.AllDirectories))
                if (include(path)) found.Add(Entry(root, path, -1, isTest));
            return found;
        }
        for (var label = 0; label < classes.Count; label++)
        {
            var dir = Path.Combine(folder, classes[label]);
            if (!Directory.Exists(dir)) continue;
            foreach (var path in ListFiles(dir, SearchOption.AllDirectories))
                if (include(path)) found.Add(Entry(root, path, label, isTest));
        }
        // Files lying next to the class folders belong to no class.
        ignored.AddRange(
            ListFiles(folder, SearchOption.TopDirectoryOnly).Where(include).Select(p => Relative(root, p)));
        return found;
    }

    static ImageFileEntry Entry(string root, string path, int label, Func<string, bool> isTest)
    {
        var rel = Relative(root, path);
        return new ImageFileEntry(path, rel, label, isTest(rel));
    }

    static IEnumerable<string> ListFiles(string folder, SearchOption option) =>
        Directory.EnumerateFiles(folder, "*", new EnumerationOptions
        {
            RecurseSubdirectories = option == SearchOption.AllDirectories,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
            IgnoreInaccessible = true,
        }).Where(p => !Path.GetFileName(p).StartsWith('.')).Order(StringComparer.Ordinal);

    static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
