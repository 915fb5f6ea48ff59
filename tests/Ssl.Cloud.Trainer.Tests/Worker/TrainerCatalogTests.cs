using Ssl.Cloud.Core.Submission;
using Ssl.Cloud.Trainer.Worker;
using Ssl.Training.Encoders;
using Ssl.Training.Methods;
using Ssl.Training.Runs;

namespace Ssl.Cloud.Trainer.Tests.Worker;

/// <summary>Core's copy of what the trainer accepts (the Function app cannot load TorchSharp) is the trainer's
/// own.</summary>
public sealed class TrainerCatalogTests
{
    [Fact]
    public void The_api_accepts_exactly_the_methods_of_the_registry() =>
        Assert.Equal(MethodRegistry.Names.Order(StringComparer.Ordinal),
            TrainerCatalog.Methods.Order(StringComparer.Ordinal));

    [Fact]
    public void The_api_accepts_exactly_the_encoders_the_trainer_builds() =>
        Assert.Equal(EncoderOptions.Architectures.Order(StringComparer.Ordinal),
            TrainerCatalog.Encoders.Order(StringComparer.Ordinal));

    [Fact]
    public void The_api_defaults_are_the_trainer_defaults()
    {
        Assert.Equal(TrainerCatalog.DefaultEpochs, new TrainingOptions().Epochs);
        Assert.Equal(TrainerCatalog.DefaultBatchSize, new TrainingOptions().BatchSize);
        Assert.Equal(RequestMapper.Width, TrainerCatalog.Width);
    }

    [Fact]
    public void A_warm_start_run_id_reaches_the_training_options()
    {
        var options = RequestMapper.Map(
            TinyRun.Request("run-0002") with { WarmStartRunId = "run-0001" }, "builtin:256,128");

        Assert.Equal("run-0001", options.WarmStartRunId);
    }
}
