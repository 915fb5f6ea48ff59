using Ssl.Training.Encoders;
using Ssl.Training.Methods;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Methods;

public class SimSiamTests
{
    static SimSiam Build(params (string, string)[] set) =>
        new(new ConvNet(3, 4), HyperParameters.Resolve("simsiam", SimSiam.Definition.HyperParameters,
            set.ToDictionary(s => s.Item1, s => s.Item2)));

    [Fact]
    public void Projector_ends_in_batch_norm_without_affine_and_predictor_is_a_bottleneck()
    {
        using var m = Build(("projector-dim", "64"), ("predictor-dim", "16"));
        var names = m.state_dict();
        Assert.Equal(new long[] { 16, 64 }, names["predictor.0.weight"].shape);
        Assert.Equal(new long[] { 64, 16 }, names["predictor.3.weight"].shape);
        Assert.Contains("projector.7.running_mean", names.Keys); // the final BN
        Assert.DoesNotContain("projector.7.weight", names.Keys);  // ... without affine parameters
        Assert.Equal(new long[] { 64, 32 }, names["projector.0.weight"].shape);
        Assert.Contains("backbone.features.0.0.weight", names.Keys);
    }

    [Fact]
    public void Predictor_is_its_own_group_with_a_fixed_learning_rate()
    {
        using var m = Build(("projector-dim", "32"), ("predictor-dim", "8"));
        var groups = m.ParameterGroups();
        Assert.Equal(2, groups.Count);
        Assert.All(groups[1].Parameters, p => Assert.StartsWith("predictor.", p.Name));
        Assert.True(groups[1].FixedLearningRate);
        Assert.False(groups[0].FixedLearningRate);
        Assert.Equal(m.parameters().Count(), groups.Sum(g => g.Parameters.Count));
    }

    [Fact]
    public void Loss_is_between_minus_one_and_one_and_gradients_reach_the_backbone()
    {
        using var m = Build(("projector-dim", "32"), ("predictor-dim", "8"));
        var g = new Generator(1);
        using var x1 = randn(8, 3, 16, 16, generator: g);
        using var x2 = randn(8, 3, 16, 16, generator: g);
        using var loss = m.call(new Views(x1, x2));
        Assert.InRange(loss.item<float>(), -1, 1);
        loss.backward();
        Assert.True(m.Backbone.parameters().First().grad!.abs().sum().item<float>() > 0);
    }
}
