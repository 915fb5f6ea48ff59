using System.Reflection;
using System.Text.RegularExpressions;

namespace Ssl.Training.Tests.Architecture;

/// <summary>The layering table of <c>trainer/Ssl.Training/README.md</c> (one row per folder, top to bottom, with
/// the folders it may use) and a check of source files against it.</summary>
public sealed partial class FolderLayers
{
    const string Root = "Ssl.Training.";
    readonly List<string> order;
    readonly Dictionary<string, HashSet<string>> mayUse;

    FolderLayers(List<string> order, Dictionary<string, HashSet<string>> mayUse) =>
        (this.order, this.mayUse) = (order, mayUse);

    public IReadOnlyList<string> Folders => order;

    /// <summary>Reads the table from the README's markdown rows: <c>| `Folder/` | what it knows | A, B |</c>.</summary>
    public static FolderLayers Parse(string readme)
    {
        var order = new List<string>();
        var mayUse = new Dictionary<string, HashSet<string>>();
        foreach (Match row in LayerRow().Matches(readme))
        {
            var folder = row.Groups["folder"].Value;
            order.Add(folder);
            mayUse[folder] = row.Groups["uses"].Value
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        }
        return new FolderLayers(order, mayUse);
    }

    /// <summary>Rows whose "may use" names a folder that is not lower in the table (which would allow a
    /// cycle).</summary>
    public IEnumerable<string> UpwardRules() =>
        from folder in order
        from used in mayUse[folder]
        where order.IndexOf(used) <= order.IndexOf(folder)
        select $"README: {folder} may use {used}, which is not below it";

    /// <summary>Each use, in the C# files under <paramref name="projectDirectory"/>, of a folder that the file's
    /// own folder may not use: a <c>using Ssl.Training.X</c> line, or a name qualified as <c>X.Type</c>.
    /// <paramref name="typesByFolder"/> names the types in each folder, to tell <c>X.Type</c> from a member.</summary>
    public IEnumerable<string> Violations(string projectDirectory, ILookup<string, string> typesByFolder)
    {
        foreach (var file in SourceFiles(projectDirectory))
        {
            var relative = Path.GetRelativePath(projectDirectory, file).Replace('\\', '/');
            var folder = relative.Split('/')[0];
            if (!mayUse.TryGetValue(folder, out var allowed))
            {
                yield return $"{relative}: folder {folder} is not in the README's layer table";
                continue;
            }
            foreach (var used in UsedFolders(File.ReadAllLines(file), typesByFolder).Distinct())
                if (used != folder && !allowed.Contains(used))
                    yield return $"{relative}: {folder} may not use {used} (see the README's layer table)";
        }
    }

    /// <summary>The top-level types of the assembly's <c>Ssl.Training.X</c> namespaces, by folder X.</summary>
    public static ILookup<string, string> TypesByFolder(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => !t.IsNested && t.Namespace?.StartsWith(Root, StringComparison.Ordinal) == true)
            .ToLookup(t => t.Namespace![Root.Length..].Split('.')[0], t => t.Name.Split('`')[0]);

    static IEnumerable<string> SourceFiles(string projectDirectory) =>
        Directory.EnumerateDirectories(projectDirectory)
            .Where(d => Path.GetFileName(d) is not ("bin" or "obj"))
            .SelectMany(d => Directory.EnumerateFiles(d, "*.cs", SearchOption.AllDirectories));

    static IEnumerable<string> UsedFolders(string[] lines, ILookup<string, string> typesByFolder)
    {
        foreach (var line in lines)
        {
            if (UsingLine().Match(line) is { Success: true } directive)
            {
                yield return directive.Groups["folder"].Value;
                continue;
            }
            var code = line.Split("//")[0];
            foreach (Match name in QualifiedName().Matches(code))
            {
                var folder = name.Groups["folder"].Value;
                if (name.Groups["root"].Success || typesByFolder[folder].Contains(name.Groups["type"].Value))
                    yield return folder;
            }
        }
    }

    [GeneratedRegex(@"^\|\s*`(?<folder>\w+)/`\s*\|[^|]*\|(?<uses>[^|]*)\|\s*$", RegexOptions.Multiline)]
    private static partial Regex LayerRow();

    [GeneratedRegex(@"^\s*(global\s+)?using\s+(static\s+)?(\w+\s*=\s*)?Ssl\.Training\.(?<folder>\w+)\b")]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"(?<![\w.])(?<root>Ssl\.Training\.)?(?<folder>[A-Z]\w*)\.(?<type>[A-Z]\w*)")]
    private static partial Regex QualifiedName();
}
