using System.Text.Json;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Validation;

namespace Ssl.Cloud.Core.Tests.Validation;

public sealed class TrainingRequestValidatorTests
{
    static readonly TrainingRequestValidator Validator = new(new HashSet<string> { "simsiam", "byol", "barlow-twins" });

    static IEnumerable<string> FieldsWithErrors(TrainingRequest request) =>
        Validator.Validate(request).Errors.Select(e => e.Field);

    [Fact]
    public void A_well_formed_request_has_no_errors() => Assert.True(Validator.Validate(TestData.Request()).IsValid);

    [Theory]
    [InlineData("Run-1")]
    [InlineData("ab")]
    [InlineData("run_1")]
    [InlineData("../other-run")]
    [InlineData("run-1\n")]
    public void A_run_id_outside_the_identifier_rule_is_reported_on_runId(string runId) =>
        Assert.Equal(["runId"], FieldsWithErrors(TestData.Request() with { RunId = runId }));

    [Fact]
    public void An_unknown_method_is_reported_with_the_known_ones()
    {
        var error = Assert.Single(Validator.Validate(TestData.Request() with { Method = "simclr" }).Errors);

        Assert.Equal("method", error.Field);
        Assert.Equal("'simclr' is not a known method; known: barlow-twins, byol, simsiam", error.Message);
    }

    [Theory]
    [InlineData(0, 512, "epochs")]
    [InlineData(-3, 512, "epochs")]
    [InlineData(100_001, 512, "epochs")]
    [InlineData(10, 0, "batchSize")]
    [InlineData(10, -1, "batchSize")]
    public void Epochs_and_batch_size_must_be_positive_and_bounded(int epochs, int batchSize, string field) =>
        Assert.Equal([field], FieldsWithErrors(TestData.Request() with { Epochs = epochs, BatchSize = batchSize }));

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        var request = TestData.Request() with
        {
            RunId = "X", DatasetId = "", Method = "nope", Epochs = 0, BatchSize = 0, Encoder = "Res Net"
        };

        Assert.Equal(["runId", "datasetId", "method", "encoder", "epochs", "batchSize"], FieldsWithErrors(request));
    }

    [Fact]
    public void A_run_cannot_warm_start_from_itself() =>
        Assert.Equal(["warmStartRunId"], FieldsWithErrors(TestData.Request() with { WarmStartRunId = "run-0001" }));

    [Fact]
    public void A_schedule_origin_must_name_a_valid_schedule() =>
        Assert.Equal(["schedule.schedule"],
            FieldsWithErrors(TestData.Request() with { Schedule = new ScheduleOrigin("Nightly Run", TestData.Now) }));

    [Fact]
    public void Hyper_parameters_are_checked_by_name_and_by_kind_of_value()
    {
        var request = TestData.Request() with
        {
            HyperParameters = new Dictionary<string, JsonElement>
            {
                ["lr"] = JsonSerializer.SerializeToElement(0.1),
                ["crops"] = JsonSerializer.SerializeToElement(new[] { 32, 16 }),
                ["nested"] = JsonSerializer.SerializeToElement(new { a = 1 }),
                ["1bad"] = JsonSerializer.SerializeToElement(1),
            },
        };

        var errors = Validator.Validate(request).Errors;

        Assert.Equal(["hyperParameters.nested", "hyperParameters.1bad"], errors.Select(e => e.Field));
        Assert.Contains("not object", errors[0].Message);
    }

    [Fact]
    public void A_caller_that_knows_its_encoders_gets_unknown_encoders_reported()
    {
        var validator = new TrainingRequestValidator(new HashSet<string> { "simsiam" }, new HashSet<string>
        {
            "resnet18", "resnet50"
        });

        var error = Assert.Single(validator.Validate(TestData.Request()).Errors);

        Assert.Equal("encoder", error.Field);
        Assert.Contains("'resnet18-cifar' is not a known encoder", error.Message);
    }

    [Fact]
    public void The_result_prints_one_field_error_per_line_for_a_dead_letter_reason()
    {
        var result = Validator.Validate(TestData.Request() with { Epochs = 0, BatchSize = 0 });

        Assert.Equal($"epochs: must be between 1 and 100000{Environment.NewLine}batchSize: must be between 1 and 65536",
            result.ToString());
        Assert.Equal(2, new RequestValidationException(result).Errors.Count);
    }
}
