using Ssl.Training.Loop;

namespace Ssl.Training.Tests.Architecture;

public sealed class FolderLayeringTests
{
    static readonly string Project = Path.Combine(RepositoryRoot(), "trainer", "Ssl.Training");
    static readonly FolderLayers Layers = FolderLayers.Parse(File.ReadAllText(Path.Combine(Project, "README.md")));
    static readonly ILookup<string, string> Types = FolderLayers.TypesByFolder(typeof(Trainer).Assembly);

    [Fact]
    public void The_readme_lists_every_folder_of_the_project()
    {
        var folders = Directory.EnumerateDirectories(Project).Select(Path.GetFileName)
            .Where(d => d is not ("bin" or "obj")).Order();
        Assert.Equal(folders, Layers.Folders.Order());
    }

    [Fact]
    public void Each_folder_may_use_only_folders_below_it_in_the_readme()
    {
        Assert.Empty(Layers.UpwardRules());
    }

    [Fact]
    public void No_file_uses_a_folder_its_own_folder_may_not_use()
    {
        Assert.Empty(Layers.Violations(Project, Types));
    }

    [Fact]
    public void A_file_that_uses_a_folder_above_its_own_is_named_with_that_folder()
    {
        var project = Directory.CreateTempSubdirectory("layering-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(project, "IO"));
            Directory.CreateDirectory(Path.Combine(project, "Data"));
            File.WriteAllText(Path.Combine(project, "IO", "Bad.cs"),
                "using Ssl.Training.Loop;\nnamespace Ssl.Training.IO;\nstatic class Bad { }\n");
            File.WriteAllText(Path.Combine(project, "Data", "Qualified.cs"),
                "namespace Ssl.Training.Data;\nstatic class Q { static object? S => Runs.RunDirectory.Null; }\n");

            var violations = Layers.Violations(project, Types).ToList();

            Assert.Equal(
                ["Data/Qualified.cs: Data may not use Runs (see the README's layer table)",
                 "IO/Bad.cs: IO may not use Loop (see the README's layer table)"],
                violations.Order());
        }
        finally
        {
            Directory.Delete(project, recursive: true);
        }
    }

    [Fact]
    public void A_rule_that_points_up_the_table_is_reported()
    {
        var layers = FolderLayers.Parse("| `Runs/` | runs | IO |\n| `IO/` | files | Runs |\n");

        Assert.Equal(["README: IO may use Runs, which is not below it"], layers.UpwardRules());
    }

    static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Ssl.Cloud.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new DirectoryNotFoundException(
            $"No Ssl.Cloud.sln above {AppContext.BaseDirectory}: the layering tests read the source tree.");
    }
}
