using Ssl.Training.Augmentations;
using Ssl.Training.Methods;
using static TorchSharp.torch;

namespace Ssl.Training.Training;

/// <summary>The two halves of one training step, shared by <see cref="Trainer"/> and <see cref="StepBenchmark"/> so
/// that the benchmark times exactly what training runs: <see cref="Augment"/> (batched views on the device) and
/// <see cref="Loss"/> + <see cref="Update"/> (forward, backward, clipping, the method's hooks, the optimiser step).
/// The caller owns the dispose scope and the learning rates.</summary>
/// <param name="cropScaleMin">Overrides the smallest crop area of the global views (<see cref="TrainingOptions.CropScaleMin"/>).</param>
public sealed class TrainingStep(SslMethod method, Optimization.Optimizer optimizer, Normalization normalization, Generator augmentRng, int imageSize, double? cropScaleMin = null)
{
    readonly (IReadOnlyList<ViewRecipe> Global, IReadOnlyList<ViewRecipe> Local) recipes = WithCrop(method.ViewRecipes(imageSize), cropScaleMin);

    static (IReadOnlyList<ViewRecipe>, IReadOnlyList<ViewRecipe>) WithCrop((IReadOnlyList<ViewRecipe> Global, IReadOnlyList<ViewRecipe> Local) recipes, double? scaleMin) =>
        scaleMin is { } min ? (recipes.Global.Select(r => r with { ScaleMin = min }).ToList(), recipes.Local) : recipes;

    /// <summary>The method's global and local views of a uint8 batch, normalised.</summary>
    public Views Augment(Tensor batch) => new(
        recipes.Global.Select(r => normalization.Apply(BatchAugment.Apply(batch, r, augmentRng))).ToList(),
        recipes.Local.Select(r => normalization.Apply(BatchAugment.Apply(batch, r, augmentRng))).ToList());

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
            nn.utils.clip_grad_norm_(optimizer.Groups.SelectMany(g => g.Parameters.Select(p => p.Parameter)), optimizer.Settings.GradientClip);
        method.BeforeOptimizerStep(context);
        optimizer.Step();
        method.AfterOptimizerStep(context);
    }
}
