using Ssl.Training.Heads;
using Ssl.Training.Methods;
using Ssl.Training.Tests.Support;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Methods;

public class DinoTests
{
    [Fact]
    public void Head_starts_from_random_weights_and_outputs_cosines_to_unit_prototypes()
    {
        using var head = new DinoHead(32, 32, 16, 20);
        Assert.All(head.parameters().Where(p => p.dim() == 2), p => Assert.True(p.std().item<float>() > 0.01));
        using var y = head.call(randn(8, 32, generator: new Generator(1)));
        Assert.Equal(new long[] { 8, 20 }, y.shape);
        Assert.True(y.abs().max().item<float>() <= 1.0001f);
        Assert.True(y.std().item<float>() > 0.05);
    }

    [Fact]
    public void Teacher_temperature_warms_up_linearly_then_stays()
    {
        using var m = (Dino)TinyMethods.Build("dino", ("teacher-temperature-warmup-epochs", "3"));
        Assert.Equal(0.04, m.TeacherTemperature(0), 12);
        Assert.Equal(0.055, m.TeacherTemperature(1), 12);
        Assert.Equal(0.07, m.TeacherTemperature(2), 12);
        Assert.Equal(0.07, m.TeacherTemperature(40), 12);
    }

    [Fact]
    public void Forward_moves_the_centre_and_teacher_gets_no_gradients()
    {
        using var m = TinyMethods.Build("dino");
        var before = m.state_dict()["center"].clone();
        var g = new Generator(2);
        var (global, local) = m.ViewRecipes(16);
        using var loss = m.call(new Views(global.Select(_ => randn(8, 3, 16, 16, generator: g)).ToList(),
            local.Select(r => randn(8, 3, r.Size, r.Size, generator: g)).ToList()));
        loss.backward();
        Assert.False(before.allclose(m.state_dict()["center"]));
        var teacher = m.named_parameters().Where(p => p.name.StartsWith("teacher", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(teacher);
        Assert.All(teacher, p => Assert.Null(p.parameter.grad));
        Assert.All(m.Backbone.parameters(), p => Assert.True(p.grad!.norm().item<float>() > 0));
    }

    [Fact]
    public void Last_layer_is_frozen_in_the_first_epoch_only()
    {
        using var m = TinyMethods.Build("dino");
        var g = new Generator(3);
        var (global, local) = m.ViewRecipes(16);
        var views = new Views(global.Select(_ => randn(8, 3, 16, 16, generator: g)).ToList(),
            local.Select(r => randn(8, 3, r.Size, r.Size, generator: g)).ToList());
        var last = m.named_parameters().Single(p => p.name == "head.lastLayer").parameter;
        using (var loss = m.call(views)) loss.backward();
        m.BeforeOptimizerStep(new StepContext(1, 10, 20));
        Assert.NotNull(last.grad);
        m.BeforeOptimizerStep(new StepContext(0, 0, 20));
        Assert.Null(last.grad);
    }

    [Theory]
    [InlineData("student-temperature", "-0.1", "student-temperature=-0.1 is out of range")]
    [InlineData("center-momentum", "1", "center-momentum=1 is out of range")]
    [InlineData("ema-base", "1.5", "ema-base=1.5 is out of range")]
    public void Bad_hyper_parameters_are_rejected_with_their_name(string key, string value, string message)
    {
        var e = Assert.Throws<HyperParameterException>(() => TinyMethods.Build("dino", (key, value)));
        Assert.StartsWith(message, e.Message);
    }
}
