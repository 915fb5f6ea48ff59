using Ssl.Training.Encoders;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Encoders;

public class EncoderTests
{
    [Fact]
    public void ResNet18_has_torchvision_parameter_names()
    {
        using var net = new ResNet18(3, 64, ResNetStem.ImageNet);
        var names = net.state_dict().Keys.ToHashSet();
        foreach (var expected in new[]
                 {
                     "conv1.weight", "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var",
                     "layer1.0.conv1.weight", "layer1.0.bn2.running_var", "layer1.1.conv2.weight",
                     "layer2.0.downsample.0.weight", "layer2.0.downsample.1.running_mean", "layer4.1.bn2.bias",
                 })
            Assert.Contains(expected, names);
        Assert.DoesNotContain(names, n => n.StartsWith("fc", StringComparison.Ordinal));
        Assert.DoesNotContain("layer1.0.downsample.0.weight", names);
    }

    [Fact]
    public void ResNet18_at_width_64_has_the_torchvision_parameter_count_without_fc()
    {
        // torchvision resnet18: 11,689,512 parameters, of which fc has 512 * 1000 + 1000.
        using var net = new ResNet18(3, 64, ResNetStem.ImageNet);
        var count = net.parameters().Sum(p => p.numel());
        Assert.Equal(11_689_512 - 513_000, count);
    }

    [Theory]
    [InlineData(ResNetStem.Cifar, 32, 16)]
    [InlineData(ResNetStem.ImageNet, 64, 8)]
    public void ResNet18_maps_images_to_eight_times_width_features(ResNetStem stem, int side, int width)
    {
        using var net = new ResNet18(3, width, stem);
        using var x = randn(2, 3, side, side);
        using var y = net.call(x);
        Assert.Equal(new long[] { 2, 8 * width }, y.shape);
        Assert.Equal(8 * width, net.FeatureDim);
    }

    [Fact]
    public void Cifar_stem_is_a_3x3_stride_1_convolution()
    {
        using var net = new ResNet18(3, 16, ResNetStem.Cifar);
        Assert.Equal(new long[] { 16, 3, 3, 3 }, net.state_dict()["conv1.weight"].shape);
        using var imagenet = new ResNet18(3, 16, ResNetStem.ImageNet);
        Assert.Equal(new long[] { 16, 3, 7, 7 }, imagenet.state_dict()["conv1.weight"].shape);
    }

    [Fact]
    public void ConvNet_takes_grayscale_images()
    {
        using var net = new ConvNet(1, 8);
        using var y = net.call(randn(3, 1, 28, 28));
        Assert.Equal(new long[] { 3, 64 }, y.shape);
    }

    [Fact]
    public void Same_seed_builds_identical_weights()
    {
        manual_seed(7);
        using var a = new ConvNet(3, 8);
        manual_seed(7);
        using var b = new ConvNet(3, 8);
        Assert.True(a.state_dict()["features.0.0.weight"].eq(b.state_dict()["features.0.0.weight"]).all().item<bool>());
    }

    [Fact]
    public void Unknown_architecture_is_rejected_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => new EncoderOptions { Architecture = "vgg" }.Create());
        Assert.Contains("vgg", e.Message);
    }
}
