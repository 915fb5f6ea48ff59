namespace Ssl.Training.Optimization;

/// <summary>Linear warm-up from 0 to the base rate, then half-cosine decay to <see cref="FinalFraction"/> of it
/// (Goyal et al. 2017 warm-up; Loshchilov &amp; Hutter 2017 cosine, without restarts). A pure function of the step,
/// so resuming needs only the step number.</summary>
public sealed record LearningRateSchedule(
    double BaseRate, long WarmupSteps, long TotalSteps, double FinalFraction = 0.0)
{
    public double At(long step)
    {
        if (step < WarmupSteps) return BaseRate * (step + 1) / WarmupSteps;
        var decaySteps = Math.Max(1, TotalSteps - WarmupSteps);
        var progress = Math.Clamp((double)(step - WarmupSteps) / decaySteps, 0, 1);
        var final = BaseRate * FinalFraction;
        return final + (BaseRate - final) * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }
}
