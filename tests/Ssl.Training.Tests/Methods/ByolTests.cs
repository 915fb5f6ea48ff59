using Ssl.Training.Methods;
using Ssl.Training.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Methods;

public class ByolTests
{
    [Fact]
    public void Target_network_never_receives_gradients_and_is_not_optimised()
    {
        using var m = (Byol)TinyMethods.Build("byol");
        var g = new Generator(1);
        using var loss = m.call(new Views(randn(8, 3, 16, 16, generator: g), randn(8, 3, 16, 16, generator: g)));
        loss.backward();
        var target = m.named_parameters().Where(p => p.name.StartsWith("target", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(target);
        Assert.All(target, p => Assert.False(p.parameter.requires_grad));
        Assert.All(target, p => Assert.Null(p.parameter.grad));
        var optimised = m.ParameterGroups().SelectMany(gr => gr.Parameters).Select(p => p.Name).ToList();
        Assert.DoesNotContain(optimised, n => n.StartsWith("target", StringComparison.Ordinal));
        Assert.Contains(optimised, n => n.StartsWith("predictor.", StringComparison.Ordinal));
    }

    [Fact]
    public void Target_starts_as_a_copy_of_the_online_network()
    {
        using var m = TinyMethods.Build("byol");
        var state = m.state_dict();
        foreach (var (name, online) in state.Where(kv => kv.Key.StartsWith("backbone.", StringComparison.Ordinal)))
            Assert.True(online.eq(state["targetBackbone." + name["backbone.".Length..]]).all().item<bool>(), name);
        Assert.True(state["projector.0.weight"].eq(state["targetProjector.0.weight"]).all().item<bool>());
    }

    [Fact]
    public void Ema_update_follows_xi_tau_plus_theta_one_minus_tau_on_known_tensors()
    {
        using var target = nn.Linear(2, 1, hasBias: false);
        using var online = nn.Linear(2, 1, hasBias: false);
        using (no_grad())
        {
            target.weight!.copy_(tensor(new[,] { { 1.0f, 2.0f } }));
            online.weight!.copy_(tensor(new[,] { { 3.0f, -2.0f } }));
        }
        MomentumEncoder.Update(target, online, tau: 0.75);
        // 0.75 [1, 2] + 0.25 [3, -2] = [1.5, 1]
        Assert.Equal([1.5f, 1.0f], target.weight!.data<float>().ToArray());
        Assert.Equal([3.0f, -2.0f], online.weight!.data<float>().ToArray());
    }

    [Theory]
    [InlineData(0, 0.99)]
    [InlineData(50, 0.995)]
    [InlineData(100, 1.0)]
    public void Tau_rises_from_the_base_to_one_on_a_cosine(long step, double expected)
    {
        Assert.Equal(expected, MomentumEncoder.Tau(0.99, 1.0, step, 100), 12);
        // a quarter of the way: 1 - 0.01 (cos(pi/4) + 1) / 2
        Assert.Equal(1 - 0.01 * (Math.Cos(Math.PI / 4) + 1) / 2, MomentumEncoder.Tau(0.99, 1.0, 25, 100), 12);
    }

    [Fact]
    public void After_a_step_the_target_moves_towards_the_online_network_by_one_minus_tau()
    {
        using var m = (Byol)TinyMethods.Build("byol", ("ema-base", "0.9"));
        var before = m.state_dict()["targetProjector.0.weight"].clone();
        using (no_grad()) m.state_dict()["projector.0.weight"].add_(1.0f);
        var online = m.state_dict()["projector.0.weight"].clone();
        var context = new StepContext(0, 0, 10);
        m.AfterOptimizerStep(context);
        var expected = before * 0.9 + online * 0.1;
        Assert.Equal(0.9, m.Tau(context), 12);
        Assert.True(m.state_dict()["targetProjector.0.weight"].allclose(expected, atol: 1e-6));
    }

    [Theory]
    [InlineData("ema-base", "1", "ema-base=1 is out of range")]
    [InlineData("ema-base", "-0.1", "ema-base=-0.1 is out of range")]
    [InlineData("projector-dim", "0", "projector-dim=0 is out of range")]
    public void Bad_hyper_parameters_are_rejected_before_training_with_their_name(string key, string value,
        string message)
    {
        var options = TinyMethods.Options("byol", 1) with { Set = new() { [key] = value } };
        var e = Assert.Throws<HyperParameterException>(() => new Ssl.Training.Loop.Trainer(options,
            new(Directory.CreateTempSubdirectory("ssl-run-").FullName)).Train(TinyImages.Create(32)));
        Assert.StartsWith(message, e.Message);
    }
}
