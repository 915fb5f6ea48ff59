namespace Ssl.Training.Runs;

/// <summary>A time budget turned into a number of epochs before the run starts, so that the whole schedule (warm-up,
/// cosine, EMA, the recipe rules) is planned for the run that fits, rather than cut off when time runs out.
/// <see cref="SecondsPerStep"/> is measured on the run's own model, batch and image size
/// (<see cref="Loop.ModelFootprint"/>); the report sets the plan against the training time it took.</summary>
/// <param name="SecondsPerStep">Measured time of one training step.</param>
/// <param name="StepsPerEpoch">Optimiser steps per epoch of this dataset at this batch size.</param>
/// <param name="Epochs">The planned epochs: as many whole epochs as fit, at least one.</param>
public sealed record TimeBudget(double SecondsPerStep, long StepsPerEpoch, int Epochs)
{
    /// <summary>Share of the budget planned for training steps: the per-epoch monitors (collapse metrics, periodic
    /// kNN) and the checkpoints take the rest.</summary>
    public const double StepShare = 0.9;

    /// <summary>Training seconds the plan expects.</summary>
    public double PlannedSeconds => SecondsPerStep * StepsPerEpoch * Epochs / StepShare;

    /// <summary>Planned against actual, for the reports.</summary>
    public string Summary(double minutes, double actualSeconds) => string.Create(
        System.Globalization.CultureInfo.InvariantCulture,
        $"time budget {minutes:G4} min: planned {Epochs} epochs at {SecondsPerStep:F3} s per step, "
        + $"{PlannedSeconds:F0} s of training; it took {actualSeconds:F0} s");

    /// <summary>The most whole epochs whose steps fit in <see cref="StepShare"/> of <paramref name="minutes"/> of
    /// training (the probes and the report afterwards are not in the budget); at least 1, at most
    /// <paramref name="maxEpochs"/>.</summary>
    public static TimeBudget Plan(double minutes, double secondsPerStep, long stepsPerEpoch, int maxEpochs = 10_000)
    {
        if (!(minutes > 0)) throw new ArgumentException($"minutes must be > 0, got {minutes}.");
        if (!(secondsPerStep > 0))
            throw new ArgumentException($"seconds per step must be > 0, got {secondsPerStep}.");
        ArgumentOutOfRangeException.ThrowIfLessThan(stepsPerEpoch, 1);
        var epochSeconds = secondsPerStep * stepsPerEpoch;
        var epochs = (int)Math.Clamp(Math.Floor(minutes * 60 * StepShare / epochSeconds), 1, maxEpochs);
        return new TimeBudget(secondsPerStep, stepsPerEpoch, epochs);
    }
}
