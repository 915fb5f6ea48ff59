using Ssl.Training.Tests.Support;

namespace Ssl.Training.Tests.Methods;

public class BarlowTwinsTests
{
    [Fact]
    public void Projector_is_linear_bn_relu_twice_then_linear_of_the_given_width()
    {
        using var m = TinyMethods.Build("barlow-twins", ("projector-dim", "24"));
        var state = m.state_dict();
        Assert.Equal(new long[] { 24, 32 }, state["projector.0.weight"].shape);
        Assert.Contains("projector.1.running_mean", state.Keys);
        Assert.Equal(new long[] { 24, 24 }, state["projector.3.weight"].shape);
        Assert.Contains("projector.4.running_mean", state.Keys);
        Assert.Equal(new long[] { 24, 24 }, state["projector.6.weight"].shape);
        Assert.DoesNotContain("projector.7.running_mean", state.Keys); // the loss standardises; no BN at the end
    }
}
