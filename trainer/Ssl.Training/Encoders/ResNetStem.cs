namespace Ssl.Training.Encoders;

/// <summary>ImageNet: 7x7 conv stride 2 + 3x3 max-pool (torchvision). Cifar: 3x3 conv stride 1, no max-pool
/// (SimCLR/SimSiam CIFAR experiments), which keeps 32x32 inputs from shrinking to 1x1 too early.</summary>
public enum ResNetStem { ImageNet, Cifar }
