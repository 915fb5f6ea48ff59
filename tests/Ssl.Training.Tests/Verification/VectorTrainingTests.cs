using Ssl.Training.Methods;
using Ssl.Training.Tests.Support;
using Ssl.Training.Verification;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Verification;

[Collection(SeededTraining.Name)]
public class VectorTrainingTests
{
    public static IEnumerable<object[]> Methods => MethodRegistry.Names.Select(n => new object[] { n });

    static readonly VerificationOptions Options = new() { Epochs = 2, HeadWidth = 16, EncoderWidth = 16 };

    [Theory]
    [MemberData(nameof(Methods))]
    public void Every_method_trains_on_two_vector_views_with_a_finite_loss(string name)
    {
        var definition = MethodRegistry.Get(name);
        using var method = definition.Create(VerificationRun.NewEncoder(Options),
            VerificationRun.HyperParametersOf(definition, Options));
        using var first = randn(64, Options.Data.InputDim);
        using var second = randn(64, Options.Data.InputDim);
        var losses = VectorTrainer.Train(method, definition.Optimizer with { WarmupEpochs = 0 }, first, second,
            epochs: 2, batchSize: 16, seed: 0);
        Assert.Equal(2, losses.Count);
        Assert.All(losses, l => Assert.True(double.IsFinite(l)));
    }

    [Theory]
    [InlineData("swav")]
    [InlineData("dino")]
    public void Multi_crop_methods_get_no_local_crops_on_vector_data(string name)
    {
        var hp = VerificationRun.HyperParametersOf(MethodRegistry.Get(name), Options);
        Assert.Equal(0, hp.Int("local-crops"));
    }

    [Fact]
    public void Training_moves_the_backbone_weights()
    {
        var definition = MethodRegistry.Get("barlow-twins");
        using var method = definition.Create(VerificationRun.NewEncoder(Options),
            VerificationRun.HyperParametersOf(definition, Options));
        using var before = method.Backbone.parameters().First().clone();
        using var x = randn(64, Options.Data.InputDim);
        VectorTrainer.Train(method, definition.Optimizer with { WarmupEpochs = 0 }, x, x + 0.1 * randn_like(x),
            epochs: 1, batchSize: 16, seed: 0);
        Assert.False(before.allclose(method.Backbone.parameters().First()));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Every_method_exposes_the_embedding_its_loss_aligns_for_probing(string name)
    {
        var definition = MethodRegistry.Get(name);
        using var method = definition.Create(VerificationRun.NewEncoder(Options),
            VerificationRun.HyperParametersOf(definition, Options));
        method.eval();
        using var x = randn(8, Options.Data.InputDim);
        using var backbone = method.Backbone.call(x);
        using var embedding = AlignedEmbedding.Of(method)(x);
        Assert.Equal(8, embedding.shape[0]);
        Assert.NotEqual(backbone.shape[1], embedding.shape[1]);
    }

    [Fact]
    public void Live_tensor_count_stays_flat_over_epochs()
    {
        var definition = MethodRegistry.Get("byol");
        using var method = definition.Create(VerificationRun.NewEncoder(Options),
            VerificationRun.HyperParametersOf(definition, Options));
        using var x = randn(64, Options.Data.InputDim);
        var counts = new List<long>();
        VectorTrainer.Train(method, definition.Optimizer with { WarmupEpochs = 0 }, x, x, epochs: 4, batchSize: 16,
            seed: 0,
            onEpoch: (_, _) => counts.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount));
        // After the first epoch has created the optimiser state, nothing may accumulate.
        Assert.Equal(counts[1], counts[^1]);
    }
}
