using Ssl.Training.Methods;
using Ssl.Training.Tests.Support;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Methods;

public class MocoV3Tests
{
    [Fact]
    public void Momentum_encoder_gets_no_gradients_and_the_projector_ends_in_bn_without_affine()
    {
        using var m = TinyMethods.Build("mocov3");
        var g = new Generator(1);
        using var loss = m.call(new Views(randn(8, 3, 16, 16, generator: g), randn(8, 3, 16, 16, generator: g)));
        loss.backward();
        var momentum = m.named_parameters().Where(p => p.name.StartsWith("momentum", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(momentum);
        Assert.All(momentum, p => Assert.Null(p.parameter.grad));
        var state = m.state_dict();
        Assert.Contains("projector.4.running_mean", state.Keys);   // Linear-BN-ReLU-Linear-BN
        Assert.DoesNotContain("projector.4.weight", state.Keys);
        Assert.Equal(new long[] { 32, 16 }, state["predictor.0.weight"].shape);
    }

    [Fact]
    public void Momentum_encoder_follows_the_online_one_by_the_cosine_momentum()
    {
        using var m = TinyMethods.Build("mocov3", ("ema-base", "0.5"));
        using (no_grad()) m.state_dict()["backbone.features.0.0.weight"].mul_(3.0f);
        var online = m.state_dict()["backbone.features.0.0.weight"].clone();
        var before = m.state_dict()["momentumBackbone.features.0.0.weight"].clone();
        m.AfterOptimizerStep(new StepContext(0, 0, 4)); // tau = 0.5 at step 0
        Assert.True(m.state_dict()["momentumBackbone.features.0.0.weight"].allclose(before * 0.5 + online * 0.5,
            atol: 1e-6));
    }
}
