using Ssl.Training.Augmentations;
using Ssl.Training.Encoders;
using Ssl.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Methods;

/// <summary>The contract every SSL method implements: views in, scalar loss out. The trainer owns the loop,
/// the optimiser and the schedule; a method only declares what is particular to it.
/// Subclasses call <c>RegisterComponents()</c> last in their constructor; the backbone is registered under
/// <c>backbone.</c>, so its weights export with torchvision's names after that prefix.</summary>
public abstract class SslMethod(string name, Encoder backbone) : nn.Module<Views, Tensor>(name)
{
    protected readonly Encoder backbone = backbone;

    /// <summary>The encoder whose features are evaluated and exported.</summary>
    public Encoder Backbone => backbone;

    /// <summary>The augmentation recipes of the global views (two for every method here) and local crops.</summary>
    public virtual (IReadOnlyList<ViewRecipe> Global, IReadOnlyList<ViewRecipe> Local) ViewRecipes(int size) =>
        ([ViewRecipe.Cifar(size), ViewRecipe.Cifar(size)], []);

    /// <summary>BYOL's asymmetric pair of global views (Grill et al. 2020, Table 6), which Barlow Twins, VICReg and
    /// MoCo v3 adopt too.</summary>
    protected static (IReadOnlyList<ViewRecipe> Global, IReadOnlyList<ViewRecipe> Local) ByolViews(int size) =>
        ([ViewRecipe.ByolFirst(size), ViewRecipe.ByolSecond(size)], []);

    /// <summary>The trainable parameters, grouped by learning-rate rule. Default: one group with all of them.</summary>
    public virtual IReadOnlyList<ParameterGroup> ParameterGroups() =>
        [new ParameterGroup("all", named_parameters().Where(p => p.parameter.requires_grad)
            .Select(p => (p.name, p.parameter)).ToList())];

    /// <summary>Called before each forward pass with where training is, for losses that depend on the epoch
    /// (DINO's teacher-temperature warm-up, SwAV's queue start). Methods keep it only for that step; anything
    /// that must survive a resume lives in buffers.</summary>
    public virtual void BeforeForward(StepContext context) { }

    /// <summary>Called after backward, before the optimiser step (e.g. to freeze SwAV's prototypes in epoch
    /// 0).</summary>
    public virtual void BeforeOptimizerStep(StepContext context) { }

    /// <summary>Called after each optimiser step (e.g. BYOL's EMA update of the target network).</summary>
    public virtual void AfterOptimizerStep(StepContext context) { }
}
