using Ssl.Training.Methods;
using Ssl.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Loop;

/// <summary>One optimisation step of an SSL method on a batch of views: each group's learning rate (the schedule's,
/// or the base rate for fixed groups), the method's hooks around forward, backward and the optimiser step, gradient
/// clipping, and the divergence check. Shared by the image <see cref="Trainer"/>, the vector-data loop of
/// <c>ssl verify</c> and <see cref="StepBenchmark"/>, so all of them train every method the same way and the
/// benchmark times exactly what training runs. The caller owns the dispose scope.</summary>
public sealed class TrainingStep(SslMethod method, Optimization.Optimizer optimizer)
{
    /// <summary>Runs the whole step and returns the loss before it. Throws <see cref="TrainingDivergedException"/>
    /// on a non-finite loss, before any parameter changes.</summary>
    public float Run(Views views, StepContext context, double learningRate, double baseRate, int stepInEpoch)
    {
        SetLearningRates(learningRate, baseRate);
        var loss = Loss(views, context);
        var value = loss.item<float>();
        if (!float.IsFinite(value))
            throw new TrainingDivergedException(
                $"The loss became {value} at epoch {context.Epoch + 1}, step {stepInEpoch + 1}: training diverged " +
                $"(try a lower learning rate).");
        Update(loss, context);
        return value;
    }

    public void SetLearningRates(double learningRate, double baseRate)
    {
        for (var g = 0; g < optimizer.Groups.Count; g++)
            optimizer.LearningRates[g] = optimizer.Groups[g].FixedLearningRate
                ? baseRate
                : learningRate * optimizer.Groups[g].LearningRateScale;
    }

    /// <summary>The forward pass: the scalar loss of the views.</summary>
    public Tensor Loss(Views views, StepContext context)
    {
        method.BeforeForward(context);
        return method.call(views);
    }

    /// <summary>Backward and the optimiser step, with the method's hooks around it.</summary>
    public void Update(Tensor loss, StepContext context)
    {
        optimizer.ZeroGrad();
        loss.backward();
        if (optimizer.Settings.GradientClip > 0)
            nn.utils.clip_grad_norm_(optimizer.Groups.SelectMany(g => g.Parameters.Select(p => p.Parameter)),
                optimizer.Settings.GradientClip);
        method.BeforeOptimizerStep(context);
        optimizer.Step();
        method.AfterOptimizerStep(context);
    }
}
