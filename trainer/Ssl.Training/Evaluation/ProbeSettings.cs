namespace Ssl.Training.Evaluation;

/// <summary>How the probes are run: weighted kNN (k = 200, T = 0.1 as in the SSL literature) and the linear-probe
/// recipe.</summary>
public sealed record ProbeSettings(int KnnK = 200, double KnnTemperature = 0.1, LinearProbeRecipe? Linear = null)
{
    public LinearProbeRecipe LinearRecipe => Linear ?? new LinearProbeRecipe();
}
