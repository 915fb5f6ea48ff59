using Ssl.Training.Methods;
using Ssl.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Training;

/// <summary>One optimisation step of an SSL method on a batch of views: the learning rate of each group from the
/// schedule (or the base rate for fixed groups), the method's hooks around forward, backward and the optimiser step,
/// gradient clipping, and the divergence check. Shared by the image <see cref="Trainer"/> and the vector-data loop
/// of <c>ssl verify</c>, so both train every method the same way. The caller owns the dispose scope.</summary>
public static class TrainingStep
{
    /// <summary>Runs the step and returns the loss before it. Throws <see cref="TrainingDivergedException"/> on a
    /// non-finite loss, before any parameter changes.</summary>
    public static float Run(SslMethod method, Optimization.Optimizer optimizer, Views views, StepContext context,
        double learningRate, double baseRate, int stepInEpoch)
    {
        for (var g = 0; g < optimizer.Groups.Count; g++)
            optimizer.LearningRates[g] = optimizer.Groups[g].FixedLearningRate ? baseRate : learningRate * optimizer.Groups[g].LearningRateScale;

        method.BeforeForward(context);
        var loss = method.call(views);
        var value = loss.item<float>();
        if (!float.IsFinite(value))
            throw new TrainingDivergedException($"The loss became {value} at epoch {context.Epoch + 1}, step {stepInEpoch + 1}: training diverged (try a lower learning rate).");
        optimizer.ZeroGrad();
        loss.backward();
        if (optimizer.Settings.GradientClip > 0)
            nn.utils.clip_grad_norm_(optimizer.Groups.SelectMany(g => g.Parameters.Select(p => p.Parameter)), optimizer.Settings.GradientClip);
        method.BeforeOptimizerStep(context);
        optimizer.Step();
        method.AfterOptimizerStep(context);
        return value;
    }
}
