namespace Ssl.Training.Methods;

/// <summary>How a hyper-parameter's paper value becomes the value a given run uses: a paper sets warm-ups, EMA
/// horizons and head widths for its own long run on its own backbone; a rule re-expresses them relative to
/// <see cref="RunShape"/>, and gives the paper's value back on <see cref="RunShape.Reference"/>. A value set
/// with <c>--set</c> is used as given.</summary>
/// <param name="Summary">The rule in a few words with its source, as <c>ssl methods</c> shows it.</param>
public sealed record RecipeRule(string Summary, Func<double, RunShape, double> Apply);
