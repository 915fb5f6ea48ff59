using System.Globalization;

namespace Ssl.Training.Methods;

/// <summary>A method's hyper-parameter values: the paper defaults with the user's overrides applied and
/// checked.</summary>
public sealed class HyperParameters
{
    readonly Dictionary<string, double> values;

    HyperParameters(
        IReadOnlyList<HyperParameter> specs, Dictionary<string, double> values, IReadOnlySet<string> overridden)
    {
        Specs = specs;
        this.values = values;
        Overridden = overridden;
    }

    /// <summary>The names set explicitly (<c>--set</c>): these bypass the recipe rules.</summary>
    public IReadOnlySet<string> Overridden { get; }

    public IReadOnlyList<HyperParameter> Specs { get; }

    public double this[string name] => values.TryGetValue(name, out var v)
        ? v : throw new KeyNotFoundException($"No hyper-parameter '{name}'.");

    public int Int(string name) => (int)this[name];

    /// <summary>The value of <paramref name="spec"/>: a method reads its hyper-parameters through the specs it
    /// declares, so a misspelt name cannot compile.</summary>
    public double this[HyperParameter spec] => this[spec.Name];
    public int Int(HyperParameter spec) => Int(spec.Name);
    public bool Flag(HyperParameter spec) => Flag(spec.Name);
    public bool Flag(string name) => this[name] != 0;

    public IReadOnlyDictionary<string, double> Values => values;

    /// <summary>Applies <c>key=value</c> overrides to the defaults. Unknown keys and bad values are rejected
    /// with a message naming the key and what it expects, before anything is trained. With <paramref name="run"/>,
    /// the defaults are the paper's values re-expressed for that run by each parameter's <see cref="RecipeRule"/>;
    /// without it, the paper's values.</summary>
    public static HyperParameters Resolve(string method, IReadOnlyList<HyperParameter> specs,
        IReadOnlyDictionary<string, string>? overrides = null, RunShape? run = null)
    {
        var values = specs.ToDictionary(s => s.Name, s => s.EffectiveDefault(run));
        foreach (var (key, text) in overrides ?? new Dictionary<string, string>())
        {
            var spec = specs.FirstOrDefault(s => s.Name == key)
                ?? throw new HyperParameterException($"{method} has no hyper-parameter '{key}'; it has: "
                    + $"{string.Join(", ", specs.Select(s => s.Name))}.");
            values[key] = spec.Parse(text);
        }
        return new HyperParameters(specs, values, (overrides?.Keys ?? Enumerable.Empty<string>()).ToHashSet());
    }

    public Dictionary<string, string> ToStrings() =>
        Specs.ToDictionary(s => s.Name, s => values[s.Name].ToString("R", CultureInfo.InvariantCulture));
}
