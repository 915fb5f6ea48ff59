namespace Ssl.Training.Data.Packing;

/// <summary>Classes and splits read from relative paths, the same rules as <see cref="ImageFolderReader"/>: the first
/// folder level names the class (ordinal-sorted); no folders means unlabelled; top-level <c>train/</c> and
/// <c>test/</c> folders give the split, otherwise a stable hash of the path does.</summary>
internal sealed class SourceLayout
{
    SourceLayout(IReadOnlyList<string> classNames, bool splitFolders, double testFraction)
    {
        ClassNames = classNames;
        SplitFolders = splitFolders;
        TestFraction = testFraction;
    }

    public IReadOnlyList<string> ClassNames { get; }
    public bool SplitFolders { get; }
    double TestFraction { get; }

    public static SourceLayout Of(SourceListing listing, double testFraction)
    {
        var top = listing.Directories.Where(d => !d.Contains('/')).ToHashSet();
        var split = top.Contains("train") && top.Contains("test");
        var classes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var dir in listing.Directories)
        {
            var segments = dir.Split('/');
            if (split && segments.Length >= 2 && segments[0] is "train" or "test") classes.Add(segments[1]);
            else if (!split) classes.Add(segments[0]);
        }
        return new SourceLayout(classes.ToList(), split, testFraction);
    }

    /// <summary>Label (-1 when unlabelled) and split of a file, or the reason it belongs nowhere.</summary>
    public (int Label, bool IsTest, string? Reject) Place(string relativePath)
    {
        var segments = relativePath.Split('/');
        var isTest = StableHash.InFraction(relativePath, TestFraction);
        if (SplitFolders)
        {
            if (segments[0] is not ("train" or "test")) return (-1, false, "outside the train/ and test/ folders");
            isTest = segments[0] == "test";
            segments = segments[1..];
        }
        if (ClassNames.Count == 0) return (-1, isTest, null);
        if (segments.Length < 2) return (-1, isTest, "not inside a class folder");
        return (IndexOf(segments[0]), isTest, null);
    }

    int IndexOf(string name)
    {
        for (var i = 0; i < ClassNames.Count; i++)
            if (ClassNames[i] == name) return i;
        throw new InvalidOperationException($"class {name} was not listed");
    }
}
