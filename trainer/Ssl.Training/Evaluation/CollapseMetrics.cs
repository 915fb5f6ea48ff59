namespace Ssl.Training.Evaluation;

/// <summary>The collapse monitors of one epoch, measured on a fixed batch: on the embedding (projector output, the
/// space the loss acts in) and, for the last two, on the backbone's features.</summary>
/// <param name="Dimension">Embedding dimension D; a healthy <see cref="NormalizedStd"/> is near 1/sqrt(D).</param>
/// <param name="NormalizedStd">Std of l2-normalised features (SimSiam §4.1).</param>
/// <param name="StdRatio"><see cref="NormalizedStd"/> x sqrt(D): about 1 when healthy, 0 when collapsed.</param>
/// <param name="EffectiveRank">RankMe (Garrido et al. 2023).</param>
/// <param name="Alignment">Wang &amp; Isola alignment between two augmented views (lower is better aligned).</param>
/// <param name="Uniformity">Wang &amp; Isola uniformity (more negative is more uniform; 0 is collapsed).</param>
/// <param name="BackboneStdRatio">z-std x sqrt(D) of the backbone's features.</param>
/// <param name="BackboneEffectiveRank">RankMe of the backbone's features (Garrido et al. recommend it as a label-free
/// predictor of downstream accuracy).</param>
public sealed record CollapseMetrics(int Epoch, int Dimension, double NormalizedStd, double StdRatio,
    double EffectiveRank, double Alignment, double Uniformity, double BackboneStdRatio, double BackboneEffectiveRank);
