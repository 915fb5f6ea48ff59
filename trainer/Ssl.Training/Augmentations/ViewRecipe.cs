namespace Ssl.Training.Augmentations;

// Placeholder until the augmentation branch lands (it owns this file).
public sealed record ViewRecipe
{
    public int Size { get; init; } = 32;
    public static ViewRecipe Cifar(int size) => new() { Size = size };
}
