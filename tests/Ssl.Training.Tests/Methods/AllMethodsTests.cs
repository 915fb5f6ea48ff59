using Ssl.Training.Loop;
using Ssl.Training.Methods;
using Ssl.Training.Optimization;
using Ssl.Training.Runs;
using Ssl.Training.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Methods;

/// <summary>What every registered method must do: train without NaN, resume exactly, reject bad settings.</summary>
[Collection(SeededTraining.Name)]
public class AllMethodsTests
{
    static RunDirectory NewRun() => new(Directory.CreateTempSubdirectory("ssl-run-").FullName);

    public static IEnumerable<object[]> Names => TinyMethods.Names;

    [Fact]
    public void Every_method_has_tiny_test_settings()
    {
        Assert.Equal(MethodRegistry.Names.OrderBy(n => n), TinyMethods.Settings.Keys.OrderBy(n => n));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Trains_end_to_end_without_nan_and_moves_the_backbone(string name)
    {
        using var data = TinyImages.Create(48);
        using var result = new Trainer(TinyMethods.Options(name, 1), NewRun()).Train(data);
        Assert.Equal(3, result.State.StepLosses.Count);
        Assert.All(result.State.StepLosses, l => Assert.True(float.IsFinite(l), $"{name} loss {l}"));
        using var initial = Trainer.BuildMethod(TinyMethods.Options(name, 1), 3, 3);
        var before = initial.Backbone.parameters().First();
        var after = result.Method.Backbone.parameters().First();
        Assert.False(before.eq(after).all().item<bool>(), $"{name} did not change its backbone");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Resuming_after_one_epoch_gives_the_same_losses_as_two_epochs_straight(string name)
    {
        using var data = TinyImages.Create(64);
        using var straight = new Trainer(TinyMethods.Options(name, 2), NewRun()).Train(data);
        var run = NewRun();
        using (var first = new Trainer(TinyMethods.Options(name, 2), run).Train(data, stopAfterEpoch: 1))
            Assert.Equal(4, first.State.StepLosses.Count);
        using var resumed = new Trainer(TinyMethods.Options(name, 2), run).Train(data);
        Assert.Equal(8, resumed.State.StepLosses.Count);
        Assert.Equal(straight.State.StepLosses, resumed.State.StepLosses);
    }

    [Theory]
    [InlineData(OptimizerKind.AdamW)]
    [InlineData(OptimizerKind.Sgd)]
    public void Resuming_restores_the_state_of_the_other_optimisers_exactly(OptimizerKind optimizer)
    {
        using var data = TinyImages.Create(64);
        var options = TinyMethods.Options("byol", 2) with { Optimizer = optimizer, LearningRate = 0.05 };
        using var straight = new Trainer(options, NewRun()).Train(data);
        var run = NewRun();
        using (new Trainer(options, run).Train(data, stopAfterEpoch: 1)) { }
        using var resumed = new Trainer(options, run).Train(data);
        Assert.Equal(straight.State.StepLosses, resumed.State.StepLosses);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Live_tensor_count_stays_flat_over_steps(string name)
    {
        using var data = TinyImages.Create(80);
        var counts = new List<long>();
        var observer = new StepObserver(() => counts.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount));
        using var result = new Trainer(TinyMethods.Options(name, 1), NewRun(), observer).Train(data);
        Assert.Equal(5, counts.Count);
        // After the first step has created the optimiser state, nothing may accumulate.
        Assert.Equal(counts[1], counts[^1]);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Loss_is_a_finite_scalar_with_gradients_for_every_trainable_parameter_of_the_backbone(string name)
    {
        using var method = TinyMethods.Build(name);
        method.train();
        var g = new Generator(11);
        var (global, local) = method.ViewRecipes(16);
        var views = new Views(global.Select(_ => randn(8, 3, 16, 16, generator: g)).ToList(),
            local.Select(r => randn(8, 3, r.Size, r.Size, generator: g)).ToList());
        using var loss = method.call(views);
        Assert.Equal(0, loss.dim());
        Assert.True(double.IsFinite(loss.item<float>()));
        loss.backward();
        Assert.All(method.Backbone.parameters(), p => Assert.NotNull(p.grad));
    }

    sealed class StepObserver(Action onStep) : ITrainingObserver
    {
        public void OnStep(StepProgress step) => onStep();
    }

    [Fact]
    public void Every_definition_names_a_paper_and_has_defaults_within_their_own_ranges()
    {
        foreach (var d in MethodRegistry.All)
        {
            Assert.Contains("20", d.Reference); // a year or an arXiv number
            foreach (var hp in d.HyperParameters) hp.Check(hp.Default);
        }
    }
}
