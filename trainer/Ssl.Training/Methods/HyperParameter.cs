using System.Globalization;

namespace Ssl.Training.Methods;

/// <summary>One tunable number of a method, with its paper default and the range a valid value lies in.</summary>
public sealed record HyperParameter(string Name, double Default, string Description)
{
    public double Min { get; init; } = double.NegativeInfinity;
    public double Max { get; init; } = double.PositiveInfinity;
    public bool MinExclusive { get; init; }
    public bool MaxExclusive { get; init; }
    public bool IsInteger { get; init; }
    public bool IsSwitch { get; init; }

    /// <summary>How the paper's value (<see cref="Default"/>) is re-expressed for a given run; null: used as
    /// is.</summary>
    public RecipeRule? Rule { get; init; }

    /// <summary>The value a run of <paramref name="run"/>'s shape uses when nobody sets it: the rule applied to the
    /// paper's value, or the paper's value.</summary>
    public double EffectiveDefault(RunShape? run) => Rule is null || run is null ? Default : Rule.Apply(Default, run);

    public static HyperParameter Positive(string name, double @default, string description) =>
        new(name, @default, description) { Min = 0, MinExclusive = true };

    public static HyperParameter NonNegative(string name, double @default, string description) =>
        new(name, @default, description) { Min = 0 };

    /// <summary>An integer of at least <paramref name="min"/> (1 for widths; 0 where "none" makes sense, e.g. local
    /// crops).</summary>
    public static HyperParameter Count(string name, int @default, string description, int min = 1) =>
        new(name, @default, description) { Min = min, IsInteger = true };

    public static HyperParameter Switch(string name, bool @default, string description) =>
        new(name, @default ? 1 : 0, description) { Min = 0, Max = 1, IsInteger = true, IsSwitch = true };

    /// <summary>A fraction in [min, max) — e.g. an EMA base in [0, 1).</summary>
    public static HyperParameter Fraction(
        string name, double @default, string description, bool maxExclusive = false) =>
        new(name, @default, description) { Min = 0, Max = 1, MaxExclusive = maxExclusive };

    public string Expected
    {
        get
        {
            if (IsSwitch) return "true or false";
            var kind = IsInteger ? "an integer" : "a number";
            var lower = double.IsNegativeInfinity(Min) ? null : (MinExclusive ? "> " : ">= ") + Format(Min);
            var upper = double.IsPositiveInfinity(Max) ? null : (MaxExclusive ? "< " : "<= ") + Format(Max);
            var bounds = string.Join(" and ", new[] { lower, upper }.Where(s => s is not null));
            return bounds.Length == 0 ? kind : $"{kind} {bounds}";
        }
    }

    public string FormatValue(double value) => IsSwitch ? (value != 0 ? "true" : "false") : Format(value);

    /// <summary>Parses and checks a value given as text; the error names the parameter and what was expected.</summary>
    public double Parse(string text)
    {
        double value;
        if (IsSwitch && bool.TryParse(text, out var b)) value = b ? 1 : 0;
        else if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
                 || double.IsNaN(value))
            throw new HyperParameterException($"{Name}='{text}' is not a number; {Name} must be {Expected}.");
        Check(value);
        return value;
    }

    public void Check(double value)
    {
        var ok = !double.IsNaN(value)
            && (MinExclusive ? value > Min : value >= Min)
            && (MaxExclusive ? value < Max : value <= Max)
            && (!IsInteger || value == Math.Floor(value));
        if (!ok)
            throw new HyperParameterException(
                $"{Name}={FormatValue(value)} is out of range; {Name} must be {Expected}.");
    }

    static string Format(double v) => v.ToString("G", CultureInfo.InvariantCulture);
}
