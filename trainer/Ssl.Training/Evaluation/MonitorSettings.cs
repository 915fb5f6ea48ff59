namespace Ssl.Training.Evaluation;

/// <summary>What is measured during training.</summary>
/// <param name="KnnEvery">Weighted kNN on the held-out set every N epochs (and after the last); 0 turns it off.</param>
/// <param name="CollapseThreshold">The run stops as collapsed when the effective rank (RankMe) of the embeddings falls
/// below this: 1 means every image maps onto one line. Complete collapse (one vector) and the dimensional collapse of
/// SimSiam without stop-gradient, where the final BN keeps every dimension's variance at 1 so z-std cannot fall,
/// both drive it towards 1. 0 turns the check off.</param>
/// <param name="BatchSize">Images in the fixed monitoring batch.</param>
public sealed record MonitorSettings(int KnnEvery, double CollapseThreshold, int KnnK = 200,
    double KnnTemperature = 0.1, int BatchSize = 256, long Seed = 0);
