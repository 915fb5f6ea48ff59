using System.CommandLine;
using System.Globalization;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary>Validators shared by the commands' options.</summary>
public static class OptionRules
{
    /// <summary>Rejects an integer below <paramref name="minimum"/> with a message naming the option.</summary>
    public static void AtLeast(Option<int> option, int minimum) =>
        option.Validators.Add(result =>
        {
            // No token: the default, which is valid. A token that is not an integer is reported by the parser itself.
            if (result.Tokens.Count == 0 || !int.TryParse(result.Tokens[^1].Value, NumberStyles.Integer,
                    CultureInfo.InvariantCulture, out var value)) return;
            if (value < minimum) result.AddError($"{option.Name} must be at least {minimum}, got {value}.");
        });

    /// <summary>The same rule for an optional integer: no value is valid.</summary>
    public static void AtLeast(Option<int?> option, int minimum) =>
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count == 0 || !int.TryParse(result.Tokens[^1].Value, NumberStyles.Integer,
                    CultureInfo.InvariantCulture, out var value)) return;
            if (value < minimum) result.AddError($"{option.Name} must be at least {minimum}, got {value}.");
        });

    /// <summary>Parses a comma-separated list of positive integers (<c>32,96</c>); errors name the option.</summary>
    public static IReadOnlyList<int> PositiveList(string optionName, string text)
    {
        var values = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) || v < 1)
                throw new ArgumentException(
                    $"{optionName} '{text}': expected positive integers separated by commas, e.g. 32,96.");
            values.Add(v);
        }
        if (values.Count == 0) throw new ArgumentException($"{optionName} '{text}': give at least one value.");
        return values;
    }
}
