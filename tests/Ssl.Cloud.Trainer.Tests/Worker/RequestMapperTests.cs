using System.Text.Json;
using Ssl.Cloud.Trainer.Worker;
using Ssl.Training.Encoders;

namespace Ssl.Cloud.Trainer.Tests.Worker;

public sealed class RequestMapperTests
{
    [Fact]
    public void Run_settings_become_training_options_and_other_names_become_method_hyper_parameters()
    {
        var options = RequestMapper.Map(TinyRun.Request("run-0001") with { Method = "byol" }, "builtin:256,128");

        Assert.Equal(("byol", "builtin:256,128", 3, 64),
            (options.Method, options.Dataset, options.Epochs, options.BatchSize));
        Assert.Equal(("convnet", 8, ResNetStem.Cifar),
            (options.Encoder.Architecture, options.Encoder.Width, options.Encoder.Stem));
        Assert.Null(options.Minutes);
        Assert.Equal((7L, 1, 0, 20), (options.Seed, options.CheckpointEvery, options.EvalEvery, options.KnnK));
        Assert.Equal(new Dictionary<string, string> { ["projector-dim"] = "32" }, options.Set);
    }

    [Theory]
    [InlineData("no-such-parameter", "1", "no-such-parameter")]
    [InlineData("width", "\"wide\"", "hyperParameters.width must be an integer")]
    [InlineData("stem", "\"round\"", "hyperParameters.stem must be one of")]
    public void A_bad_hyper_parameter_rejects_the_request_naming_it(string name, string json, string expected)
    {
        var request = TinyRun.Request("run-0001");
        request = request with
        {
            HyperParameters = new Dictionary<string, JsonElement>(request.HyperParameters)
            {
                [name] = JsonDocument.Parse(json).RootElement,
            },
        };

        var e = Assert.Throws<RequestRejectedException>(() => RequestMapper.Map(request, "builtin"));

        Assert.Equal(RequestRejectedException.InvalidRequest, e.Reason);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void An_invalid_request_lists_every_field_error()
    {
        var e = Assert.Throws<RequestRejectedException>(() =>
            RequestMapper.Map(TinyRun.Request("run-0001") with { Method = "nope", Epochs = 0 }, "builtin"));

        Assert.Contains("method: 'nope' is not a known method", e.Message);
        Assert.Contains("epochs: must be between 1", e.Message);
    }

    [Fact]
    public void A_time_budget_becomes_the_runs_minutes()
    {
        var options = RequestMapper.Map(TinyRun.Request("run-0001") with { Minutes = 2.5 }, "builtin");

        Assert.Equal(2.5, options.Minutes);
    }
}
