namespace Ssl.Training.Runs;

/// <summary>The scalar part of a checkpoint: where training is and the history so far.</summary>
/// <param name="Epoch">Epochs completed.</param>
/// <param name="StepInEpoch">Steps of epoch <see cref="Epoch"/> already done (non-zero only for an interrupted
/// epoch).</param>
public sealed record TrainingState(int Epoch, int StepInEpoch, long GlobalStep, List<EpochMetrics> Epochs,
    List<float> StepLosses, double TrainingSeconds)
{
    public static TrainingState Start() => new(0, 0, 0, [], [], 0);
}
