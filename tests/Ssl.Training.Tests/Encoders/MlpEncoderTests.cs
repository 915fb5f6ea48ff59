using Ssl.Training.Encoders;
using Ssl.Training.Methods;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Encoders;

public class MlpEncoderTests
{
    [Fact]
    public void Vectors_map_to_features_of_the_requested_width()
    {
        using var encoder = new MlpEncoder(inputDim: 8, hiddenDim: 16, featureDim: 4, layers: 3);
        using var x = randn(5, 8);
        using var y = encoder.call(x);
        Assert.Equal([5L, 4L], y.shape);
        Assert.Equal(4, encoder.FeatureDim);
    }

    [Fact]
    public void The_twin_has_the_same_tensor_names_and_shapes_and_fresh_weights()
    {
        using var encoder = new MlpEncoder(8, 16, 4);
        using var twin = encoder.Twin();
        var (a, b) = (encoder.state_dict(), twin.state_dict());
        Assert.Equal(a.Keys, b.Keys);
        Assert.All(a, kv => Assert.Equal(kv.Value.shape, b[kv.Key].shape));
        Assert.False(a["layers.0.weight"].allclose(b["layers.0.weight"]));
    }

    [Fact]
    public void Momentum_methods_can_be_built_on_it()
    {
        var byol = MethodRegistry.Get("byol");
        var hp = HyperParameters.Resolve(byol.Name, byol.HyperParameters,
            new Dictionary<string, string> { ["projector-hidden-dim"] = "32", ["projector-dim"] = "16" });
        using var method = byol.Create(new MlpEncoder(8, 16, 4), hp);
        using var loss = method.call(new Views(randn(6, 8), randn(6, 8)));
        Assert.True(float.IsFinite(loss.item<float>()));
    }
}
