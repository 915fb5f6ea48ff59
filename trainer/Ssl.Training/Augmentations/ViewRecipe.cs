namespace Ssl.Training.Augmentations;

/// <summary>One view's augmentation recipe; defaults are the SimSiam/SimCLR CIFAR recipe
/// (Chen &amp; He 2021, App. D; Chen et al. 2020, App. B.9): crop 0.2-1, flip 0.5,
/// jitter (0.4, 0.4, 0.4, 0.1) with p 0.8, grayscale 0.2, no blur, no solarize.</summary>
public sealed record ViewRecipe
{
    /// <summary>Output side length in pixels.</summary>
    public int Size { get; init; } = 32;

    /// <summary>Random resized crop: range of the crop's area as a fraction of the image's.</summary>
    public double ScaleMin { get; init; } = 0.2;
    public double ScaleMax { get; init; } = 1.0;

    /// <summary>Random resized crop: aspect ratio (width / height) range, sampled log-uniform.</summary>
    public double RatioMin { get; init; } = 3.0 / 4;
    public double RatioMax { get; init; } = 4.0 / 3;

    public double FlipProbability { get; init; } = 0.5;

    /// <summary>Probability that colour jitter is applied at all; its four factors are then drawn per image.</summary>
    public double JitterProbability { get; init; } = 0.8;

    /// <summary>Jitter strengths as in torchvision: brightness, contrast and saturation factors are drawn from
    /// [max(0, 1 - s), 1 + s]; the hue shift from [-Hue, Hue] (in turns, at most 0.5).</summary>
    public double Brightness { get; init; } = 0.4;
    public double Contrast { get; init; } = 0.4;
    public double Saturation { get; init; } = 0.4;
    public double Hue { get; init; } = 0.1;

    public double GrayscaleProbability { get; init; } = 0.2;

    public double BlurProbability { get; init; } = 0.0;
    public double BlurSigmaMin { get; init; } = 0.1;
    public double BlurSigmaMax { get; init; } = 2.0;

    public double SolarizeProbability { get; init; } = 0.0;
    public double SolarizeThreshold { get; init; } = 0.5;

    /// <summary>The SimSiam/SimCLR CIFAR recipe at <paramref name="size"/> pixels.</summary>
    public static ViewRecipe Cifar(int size = 32) => new() { Size = size };

    /// <summary>BYOL's first view (Grill et al. 2020, Table 6): crop 0.08-1, jitter (0.4, 0.4, 0.2, 0.1)
    /// with p 0.8, grayscale 0.2, blur always, no solarize.</summary>
    public static ViewRecipe ByolFirst(int size = 32) => new()
    {
        Size = size, ScaleMin = 0.08, Saturation = 0.2, BlurProbability = 1.0, SolarizeProbability = 0.0,
    };

    /// <summary>BYOL's second view (Grill et al. 2020, Table 6): as the first, but blur with p 0.1 and solarize with p
    /// 0.2.</summary>
    public static ViewRecipe ByolSecond(int size = 32) => ByolFirst(size) with
    {
        BlurProbability = 0.1, SolarizeProbability = 0.2,
    };

    /// <summary>A small multi-crop view (SwAV, Caron et al. 2020: 0.05-0.14 of the area, resized to 96 of 224).
    /// The fractions are relative, so they carry over to any resolution, except that on small images the
    /// smallest crop would hold almost no pixels: the lower bound is raised so a crop keeps at least 8x8 source
    /// pixels (<paramref name="imageSide"/>: the source images' shorter side), and the upper bound keeps the
    /// paper's 0.14/0.05 proportion. CIFAR (32): 0.0625-0.175; Fashion-MNIST (28): 0.082-0.229.</summary>
    public static ViewRecipe LocalCrop(int size = 16, int imageSide = 224)
    {
        var scaleMin = Math.Max(0.05, 64.0 / ((double)imageSide * imageSide));
        return new()
        {
            Size = size, ScaleMin = scaleMin, ScaleMax = Math.Min(1.0, Math.Max(0.14, scaleMin * 0.14 / 0.05))
        };
    }

    /// <summary>Images of at most this side get no Gaussian blur unless asked for: solo-learn's CIFAR configs
    /// (gaussian_prob 0.0) and lightly's CIFAR-10 benchmark (gaussian_blur 0.0) turn BYOL's ImageNet blur off,
    /// since a 23-pixel kernel on a 32-pixel image erases the object rather than its texture.</summary>
    public const int NoBlurMaxSide = 64;

    /// <summary>This recipe for source images of side <paramref name="imageSide"/>: <paramref name="blur"/> true
    /// keeps the recipe's blur, false removes it, null applies <see cref="NoBlurMaxSide"/>.</summary>
    public ViewRecipe ForImageSide(int imageSide, bool? blur) =>
        blur ?? imageSide > NoBlurMaxSide ? this : this with { BlurProbability = 0 };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field out of range.</summary>
    public void Validate()
    {
        Require(Size > 0, nameof(Size), "must be positive");
        Require(ScaleMin > 0 && ScaleMin <= ScaleMax && ScaleMax <= 1, nameof(ScaleMin),
            "needs 0 < ScaleMin <= ScaleMax <= 1");
        Require(RatioMin > 0 && RatioMin <= RatioMax, nameof(RatioMin), "needs 0 < RatioMin <= RatioMax");
        foreach (var (p, name) in new[] { (FlipProbability, nameof(FlipProbability)),
                     (JitterProbability, nameof(JitterProbability)),
                     (GrayscaleProbability, nameof(GrayscaleProbability)), (BlurProbability, nameof(BlurProbability)),
                     (SolarizeProbability, nameof(SolarizeProbability)) })
            Require(p >= 0 && p <= 1, name, "must be a probability in [0, 1]");
        Require(Brightness >= 0 && Contrast >= 0 && Saturation >= 0, nameof(Brightness),
            "jitter strengths must be >= 0");
        Require(Hue >= 0 && Hue <= 0.5, nameof(Hue), "must be in [0, 0.5]");
        Require(BlurSigmaMin > 0 && BlurSigmaMin <= BlurSigmaMax, nameof(BlurSigmaMin),
            "needs 0 < BlurSigmaMin <= BlurSigmaMax");
    }

    static void Require(bool ok, string field, string message)
    {
        if (!ok) throw new ArgumentException($"{field} {message}", field);
    }
}
