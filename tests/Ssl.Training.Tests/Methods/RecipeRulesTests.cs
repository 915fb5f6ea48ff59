using Ssl.Training.Augmentations;
using Ssl.Training.Methods;
using Ssl.Training.Runs;

namespace Ssl.Training.Tests.Methods;

public class RecipeRulesTests
{
    /// <summary>A run of issue 12's table: 10 epochs of 39 steps (5,000 images at batch 128) on a 16-wide
    /// ConvNet.</summary>
    static readonly RunShape ShortRun = new(39, 10, 128);

    public static IEnumerable<object[]> RuledParameters =>
        MethodRegistry.All.SelectMany(m => m.HyperParameters.Where(h => h.Rule is not null)
            .Select(h => new object[] { m.Name, h.Name }));

    [Theory]
    [MemberData(nameof(RuledParameters))]
    public void Every_rule_gives_the_papers_value_on_the_papers_run(string method, string name)
    {
        var spec = MethodRegistry.Get(method).HyperParameters.Single(h => h.Name == name);
        Assert.Equal(spec.Default, spec.EffectiveDefault(RunShape.Reference), 9);
    }

    [Theory]
    [MemberData(nameof(RuledParameters))]
    public void Every_rule_gives_a_valid_value_on_a_short_run_and_a_one_step_run(string method, string name)
    {
        var spec = MethodRegistry.Get(method).HyperParameters.Single(h => h.Name == name);
        spec.Check(spec.EffectiveDefault(ShortRun));
        spec.Check(spec.EffectiveDefault(new RunShape(1, 1, 8)));
    }

    [Fact]
    public void Heads_on_a_128_feature_backbone_are_a_quarter_of_the_papers()
    {
        var hp = Resolve("simsiam", ShortRun);
        Assert.Equal(512, hp.Int("projector-dim"));
        Assert.Equal(128, hp.Int("predictor-dim"));
        Assert.Equal(1024, Resolve("byol", ShortRun).Int("projector-hidden-dim"));
    }

    [Fact]
    public void Heads_never_shrink_below_the_minimum_width()
    {
        var hp = Resolve("byol", new RunShape(39, 10, 16));
        Assert.Equal(RecipeRules.MinHeadWidth, hp.Int("projector-dim"));
    }

    [Fact]
    public void A_short_run_gets_an_ema_base_that_forgets_its_initialisation_and_a_longer_run_a_higher_one()
    {
        var shortTau = Resolve("byol", ShortRun)["ema-base"];
        var longTau = Resolve("byol", ShortRun with { Epochs = 100 })["ema-base"];
        Assert.Equal(RecipeRules.MinEmaBase, shortTau, 9);
        Assert.True(longTau > shortTau && longTau < 0.99, $"100 epochs: {longTau}");
        // DINO's paper value 0.9995: 1 - 0.0005 * sqrt(195,000 / 390).
        Assert.Equal(1 - 0.0005 * Math.Sqrt(195_000.0 / 390), Resolve("dino", ShortRun)["ema-base"], 9);
    }

    [Fact]
    public void Schedules_in_epochs_keep_their_fraction_of_the_run()
    {
        Assert.Equal(1, Resolve("dino", ShortRun).Int("teacher-temperature-warmup-epochs"));  // 30 of 300
        Assert.Equal(1, Resolve("swav", ShortRun).Int("queue-start-epoch"));                 // 50 of 1000, rounded up
        Assert.Equal(30, Resolve("dino", ShortRun with { Epochs = 5000 }).Int("teacher-temperature-warmup-epochs"));
    }

    [Fact]
    public void The_queue_keeps_the_papers_share_of_the_run_and_a_short_run_has_none()
    {
        Assert.Equal(0, Resolve("swav", ShortRun).Int("queue-length"));                      // 390 steps
        var tenth = RunShape.Reference with { Epochs = 100 };                                // 19,500 steps
        Assert.Equal(384, Resolve("swav", tenth).Int("queue-length"));
        // 11,700 steps: 230, under 256.
        Assert.Equal(0, Resolve("swav", tenth with { Epochs = 60 }).Int("queue-length"));
        Assert.Equal(3840, Resolve("swav", RunShape.Reference with { Epochs = 5000 }).Int("queue-length"));
    }

    [Fact]
    public void A_value_set_by_the_user_bypasses_the_rule()
    {
        var definition = MethodRegistry.Get("byol");
        var hp = HyperParameters.Resolve("byol", definition.HyperParameters,
            new Dictionary<string, string> { ["ema-base"] = "0.99", ["projector-dim"] = "256" }, ShortRun);
        Assert.Equal(0.99, hp["ema-base"]);
        Assert.Equal(256, hp.Int("projector-dim"));
        Assert.Equal(1024, hp.Int("projector-hidden-dim"));
        Assert.Equal(["ema-base", "projector-dim"], hp.Overridden.Order());
    }

    [Fact]
    public void Without_a_run_shape_the_values_are_the_papers()
    {
        var definition = MethodRegistry.Get("byol");
        var hp = HyperParameters.Resolve("byol", definition.HyperParameters);
        Assert.Equal(0.99, hp["ema-base"]);
        Assert.Equal(4096, hp.Int("projector-hidden-dim"));
    }

    [Fact]
    public void The_warm_up_is_the_papers_at_most_the_run_unless_set_and_the_tenth_rule_stays_available()
    {
        var recipe = MethodRegistry.Get("byol").Optimizer;
        Assert.Equal(10, recipe.WarmupEpochs);
        double Warmup(TrainingOptions o) => o.ResolveOptimizer(recipe).WarmupEpochs;
        Assert.Equal(10, Warmup(new TrainingOptions { Method = "byol", Epochs = 11 }), 9);
        Assert.Equal(4, Warmup(new TrainingOptions { Method = "byol", Epochs = 4 }), 9);
        Assert.Equal(10, Warmup(new TrainingOptions { Method = "byol", Epochs = 1000 }), 9);
        Assert.Equal(3, Warmup(new TrainingOptions { Method = "byol", Epochs = 10, WarmupEpochs = 3 }));
        Assert.Equal(1, RecipeRules.WarmupEpochs(10, 10), 9);
    }

    [Theory]
    [InlineData(32, null, 0.0)]
    [InlineData(64, null, 0.0)]
    [InlineData(96, null, 1.0)]
    [InlineData(32, true, 1.0)]
    [InlineData(96, false, 0.0)]
    public void Blur_is_off_at_64_pixels_or_less_unless_asked_for(int side, bool? blur, double probability)
    {
        Assert.Equal(probability, ViewRecipe.ByolFirst(side).ForImageSide(side, blur).BlurProbability);
    }

    [Theory]
    [InlineData(5000, 128, 11)]   // built-in data: 39 steps an epoch
    [InlineData(60000, 256, 2)]   // Fashion-MNIST
    [InlineData(100, 128, 100)]   // fewer images than a batch still gets a bounded run
    public void Without_epochs_a_run_gets_about_the_default_budget_of_steps(int images, int batch, int epochs)
    {
        Assert.Equal(epochs, TrainingOptions.DefaultEpochs(images, batch));
    }

    static HyperParameters Resolve(string method, RunShape run)
    {
        var definition = MethodRegistry.Get(method);
        return HyperParameters.Resolve(method, definition.HyperParameters, run: run);
    }
}
