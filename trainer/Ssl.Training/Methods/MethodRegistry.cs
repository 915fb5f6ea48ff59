namespace Ssl.Training.Methods;

/// <summary>Every method the trainer can run. Adding a method is one line here.</summary>
public static class MethodRegistry
{
    public static IReadOnlyList<MethodDefinition> All { get; } =
    [
        SimSiam.Definition,
        Byol.Definition,
        BarlowTwins.Definition,
        SimClr.Definition,
        Swav.Definition,
        VicReg.Definition,
        MocoV3.Definition,
        Dino.Definition,
    ];

    public static IReadOnlyList<string> Names => All.Select(m => m.Name).ToList();

    public static MethodDefinition Get(string name) =>
        All.FirstOrDefault(m => m.Name == name)
        ?? throw new HyperParameterException($"Unknown method '{name}'; expected one of: {string.Join(", ", Names)}.");
}
