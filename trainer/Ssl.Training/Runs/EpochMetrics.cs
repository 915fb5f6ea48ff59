namespace Ssl.Training.Runs;

/// <summary>One epoch's numbers: mean loss, the learning rate at its end, throughput and duration.</summary>
public sealed record EpochMetrics(int Epoch, double Loss, double LearningRate, double ImagesPerSecond, double Seconds);
