using Ssl.Training.Augmentations;
using Ssl.Training.Methods;
using static TorchSharp.torch;

namespace Ssl.Training.Loop;

/// <summary>The method's global and local views of a uint8 image batch, augmented on the batch's device and
/// normalised. <paramref name="cropScaleMin"/> overrides the smallest crop area of the global views
/// (<see cref="TrainingOptions.CropScaleMin"/>); <paramref name="blur"/> is
/// <see cref="TrainingOptions.Blur"/>.</summary>
public sealed class ViewMaker(SslMethod method, Normalization normalization, Generator augmentRng, int imageSize,
    double? cropScaleMin = null, bool? blur = null)
{
    readonly (IReadOnlyList<ViewRecipe> Global, IReadOnlyList<ViewRecipe> Local) recipes =
        WithCrop(Recipes(method, imageSize, blur), cropScaleMin);

    /// <summary>The method's recipes for images of side <paramref name="imageSize"/>, with the blur rule
    /// applied.</summary>
    public static (IReadOnlyList<ViewRecipe> Global, IReadOnlyList<ViewRecipe> Local) Recipes(SslMethod method,
        int imageSize, bool? blur)
    {
        var (global, local) = method.ViewRecipes(imageSize);
        return (global.Select(r => r.ForImageSide(imageSize, blur)).ToList(),
            local.Select(r => r.ForImageSide(imageSize, blur)).ToList());
    }

    public Views Augment(Tensor batch) => new(
        recipes.Global.Select(r => normalization.Apply(BatchAugment.Apply(batch, r, augmentRng))).ToList(),
        recipes.Local.Select(r => normalization.Apply(BatchAugment.Apply(batch, r, augmentRng))).ToList());

    static (IReadOnlyList<ViewRecipe>, IReadOnlyList<ViewRecipe>) WithCrop(
        (IReadOnlyList<ViewRecipe> Global, IReadOnlyList<ViewRecipe> Local) recipes, double? scaleMin) =>
        scaleMin is { } min ? (recipes.Global.Select(r => r with { ScaleMin = min }).ToList(), recipes.Local) : recipes;
}
