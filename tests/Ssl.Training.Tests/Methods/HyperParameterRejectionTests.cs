using Ssl.Training.Loop;
using Ssl.Training.Methods;
using Ssl.Training.Runs;
using Ssl.Training.Tests.Support;

namespace Ssl.Training.Tests.Methods;

/// <summary>Bad values for each method's key hyper-parameters are rejected before any training, naming the
/// key.</summary>
public class HyperParameterRejectionTests
{
    [Theory]
    [InlineData("byol", "ema-base", "1")]
    [InlineData("byol", "ema-base", "-0.01")]
    [InlineData("barlow-twins", "lambda", "NaN")]
    [InlineData("barlow-twins", "lambda", "-0.005")]
    [InlineData("barlow-twins", "scale-loss", "0")]
    [InlineData("simclr", "temperature", "-0.2")]
    [InlineData("simclr", "temperature", "0")]
    [InlineData("swav", "temperature", "-0.1")]
    [InlineData("swav", "prototypes", "0")]
    [InlineData("vicreg", "variance-weight", "-25")]
    [InlineData("vicreg", "invariance-weight", "NaN")]
    [InlineData("mocov3", "temperature", "-1")]
    [InlineData("mocov3", "ema-base", "1.0")]
    [InlineData("dino", "teacher-temperature", "-0.04")]
    [InlineData("dino", "local-crops", "1.5")]
    [InlineData("simsiam", "projector-dim", "-3")]
    public void Is_rejected_before_training_with_a_message_naming_it(string method, string key, string value)
    {
        var options = TinyMethods.Options(method, 1) with { Set = new(TinyMethods.Settings[method]) { [key] = value } };
        var run = new RunDirectory(Directory.CreateTempSubdirectory("ssl-run-").FullName);
        using var data = TinyImages.Create(32);
        var e = Assert.Throws<HyperParameterException>(() => new Trainer(options, run).Train(data));
        Assert.StartsWith($"{key}=", e.Message);
        Assert.Contains(key + " must be", e.Message);
        Assert.Null(run.LatestCheckpoint());
    }

    [Fact]
    public void An_unknown_key_is_rejected_with_the_method_name()
    {
        var e = Assert.Throws<HyperParameterException>(() => TinyMethods.Build("simclr", ("lambda", "0.1")));
        Assert.Contains("simclr has no hyper-parameter 'lambda'", e.Message);
    }
}
