using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Ssl.Cloud.Core.Validation;

/// <summary>Run, dataset and schedule identifiers: <c>[a-z0-9-]{3,63}</c>. Safe as a blob path
/// segment and a Service Bus MessageId, and the same rule as container names.</summary>
public static partial class Identifier
{
    public const string Rule = "3 to 63 characters of a-z, 0-9 and '-'";

    public static bool IsValid([NotNullWhen(true)] string? value) => value is not null && Pattern().IsMatch(value);

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="parameter"/> unless
    /// <paramref name="value"/> is valid.</summary>
    public static string Require([NotNull] string? value, string parameter) =>
        IsValid(value) ? value : throw new ArgumentException($"'{value}' is not an identifier ({Rule})", parameter);

    [GeneratedRegex(@"^[a-z0-9-]{3,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
