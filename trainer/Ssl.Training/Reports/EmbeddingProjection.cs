namespace Ssl.Training.Reports;

/// <summary>A 2-D PCA projection of held-out embeddings (a sample of at most a few thousand), with each point's
/// class, for the report's scatter plot.</summary>
public sealed record EmbeddingProjection(string Method, IReadOnlyList<double> ExplainedVariance, IReadOnlyList<float> X,
    IReadOnlyList<float> Y, IReadOnlyList<long> Labels);
