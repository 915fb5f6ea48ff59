namespace Ssl.Training.Optimization;

/// <summary>A method's optimiser recipe. <see cref="LearningRate"/> is for a batch of 256 and scales linearly with
/// the batch size (Goyal et al. 2017), as the SSL papers state their rates.</summary>
public sealed record OptimizerSettings
{
    public OptimizerKind Kind { get; init; } = OptimizerKind.Sgd;
    public double LearningRate { get; init; } = 0.05;
    public double WeightDecay { get; init; } = 5e-4;
    public double Momentum { get; init; } = 0.9;
    public double WarmupEpochs { get; init; }
    /// <summary>LARS trust coefficient (eta in You et al. 2017).</summary>
    public double TrustCoefficient { get; init; } = 0.02;
    /// <summary>LARS: cap the adapted rate at the global rate, lr_local = min(trust ratio, lr), as solo-learn's
    /// <c>clip_lr</c> (its CIFAR recipes turn it on).</summary>
    public bool ClipTrustRatio { get; init; }
    /// <summary>AdamW: decay rates of the first and second moment estimates (Loshchilov &amp; Hutter 2019; torch's
    /// defaults).</summary>
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.999;
    /// <summary>AdamW: added to the denominator for numerical stability.</summary>
    public double Epsilon { get; init; } = 1e-8;
    /// <summary>Clip the global gradient norm to this value; 0 disables clipping.</summary>
    public double GradientClip { get; init; }

    /// <summary>solo-learn's CIFAR LARS recipe that BYOL, Barlow Twins, SimCLR, SwAV, VICReg, MoCo v3 and DINO share:
    /// momentum 0.9, trust coefficient 0.02, clipped trust ratio, 10 warm-up epochs; the rate (per 256) and the weight
    /// decay are each method's own.</summary>
    public static OptimizerSettings SoloLearnLars(double learningRate, double weightDecay) => new()
    {
        Kind = OptimizerKind.Lars, LearningRate = learningRate, WeightDecay = weightDecay, Momentum = 0.9,
        TrustCoefficient = 0.02, ClipTrustRatio = true, WarmupEpochs = 10,
    };

    public double ScaledLearningRate(int batchSize) => LearningRate * batchSize / 256.0;
}
