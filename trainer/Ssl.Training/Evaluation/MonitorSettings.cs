namespace Ssl.Training.Evaluation;

/// <summary>What is measured during training.</summary>
/// <param name="KnnEvery">Weighted kNN on the held-out set every N epochs (and after the last); 0 turns it off.</param>
/// <param name="CollapseThreshold">The run stops as collapsed when std(l2-normalised features) x sqrt(D) falls
/// below this (about 1 when healthy, 0 when every image maps to one vector); 0 turns the check off.</param>
/// <param name="BatchSize">Images in the fixed monitoring batch.</param>
public sealed record MonitorSettings(int KnnEvery, double CollapseThreshold, int KnnK = 200, double KnnTemperature = 0.1, int BatchSize = 256, long Seed = 0);
