using Ssl.Training.Methods;

namespace Ssl.Training.Tests.Methods;

public class HyperParametersTests
{
    static readonly HyperParameter[] Specs =
    [
        HyperParameter.Positive("temperature", 0.1, "softmax temperature"),
        HyperParameter.Fraction("ema-base", 0.99, "EMA base", maxExclusive: true),
        HyperParameter.Count("projector-dim", 2048, "width"),
        HyperParameter.Switch("stop-gradient", true, "stop-gradient"),
    ];

    [Fact]
    public void Defaults_apply_when_nothing_is_overridden()
    {
        var hp = HyperParameters.Resolve("m", Specs);
        Assert.Equal(0.1, hp["temperature"]);
        Assert.Equal(2048, hp.Int("projector-dim"));
        Assert.True(hp.Flag("stop-gradient"));
    }

    [Fact]
    public void Overrides_replace_defaults()
    {
        var hp = HyperParameters.Resolve("m", Specs, new Dictionary<string, string>
        {
            ["temperature"] = "0.5", ["stop-gradient"] = "false"
        });
        Assert.Equal(0.5, hp["temperature"]);
        Assert.False(hp.Flag("stop-gradient"));
    }

    [Theory]
    [InlineData("temperature", "-0.2", "temperature=-0.2 is out of range; temperature must be a number > 0")]
    [InlineData("temperature", "abc", "temperature='abc' is not a number")]
    [InlineData("ema-base", "1", "ema-base=1 is out of range; ema-base must be a number >= 0 and < 1")]
    [InlineData("ema-base", "NaN", "ema-base='NaN' is not a number")]
    [InlineData("projector-dim", "12.5", "projector-dim=12.5 is out of range; projector-dim must be an integer >= 1")]
    public void Bad_values_are_rejected_with_the_name_and_the_expectation(string key, string value, string message)
    {
        var e = Assert.Throws<HyperParameterException>(
            () => HyperParameters.Resolve("m", Specs, new Dictionary<string, string> { [key] = value }));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void Unknown_keys_are_rejected_with_the_valid_ones_listed()
    {
        var e = Assert.Throws<HyperParameterException>(
            () => HyperParameters.Resolve("simsiam", Specs, new Dictionary<string, string> { ["lambda"] = "1" }));
        Assert.Contains("simsiam has no hyper-parameter 'lambda'", e.Message);
        Assert.Contains("temperature", e.Message);
    }

    [Fact]
    public void Unknown_method_is_rejected_with_the_known_ones_listed()
    {
        var e = Assert.Throws<HyperParameterException>(() => MethodRegistry.Get("moco-v9"));
        Assert.Contains("moco-v9", e.Message);
        Assert.Contains("simsiam", e.Message);
    }
}
