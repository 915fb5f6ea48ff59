namespace Ssl.Training.Evaluation;

/// <summary>The collapse monitor stopped the run: the encoder maps (nearly) every image to the same vector.</summary>
public sealed class RepresentationCollapsedException(string message, CollapseMetrics metrics) : Exception(message)
{
    public CollapseMetrics Metrics { get; } = metrics;
}
