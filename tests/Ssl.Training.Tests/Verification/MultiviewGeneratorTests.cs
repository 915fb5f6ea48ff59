using Ssl.Training.Verification;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Verification;

public class MultiviewGeneratorTests
{
    static readonly MultiviewOptions Small = new() { SharedDim = 3, PrivateDim = 2, Samples = 500, Seed = 7 };

    [Fact]
    public void The_mixing_is_inverted_numerically_back_to_the_latents()
    {
        using var data = MultiviewGenerator.Generate(Small);
        using var latent1 = cat([data.Z, data.C1], 1);
        using var back1 = data.G1.Inverse(data.G1.Forward(latent1));
        using var error = (back1 - latent1.to_type(ScalarType.Float64)).abs().max();
        Assert.True(error.item<double>() < 1e-9, $"g^-1(g(latent)) is off by {error.item<double>()}");
    }

    [Fact]
    public void The_observed_views_are_the_mixing_of_the_shared_and_each_private_latent()
    {
        using var data = MultiviewGenerator.Generate(Small with { ViewSpecificMixing = true });
        using var recovered1 = data.G1.Inverse(data.X1);
        using var recovered2 = data.G2.Inverse(data.X2);
        // X is stored as float32, so the inverse is exact only to single precision, amplified by at most 1/a per layer.
        Assert.True(recovered1.narrow(1, 0, 3).allclose(data.Z.to_type(ScalarType.Float64), rtol: 0, atol: 1e-3));
        Assert.True(recovered2.narrow(1, 0, 3).allclose(data.Z.to_type(ScalarType.Float64), rtol: 0, atol: 1e-3));
        Assert.True(recovered2.narrow(1, 3, 2).allclose(data.C2.to_type(ScalarType.Float64), rtol: 0, atol: 1e-3));
        Assert.NotSame(data.G1, data.G2);
    }
}
