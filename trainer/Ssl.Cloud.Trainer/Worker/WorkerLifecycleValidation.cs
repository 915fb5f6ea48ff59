using Microsoft.Extensions.Options;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary>The rules on how long one worker lives (<see cref="WorkerOptions.Once"/>,
/// <see cref="WorkerOptions.Deadline"/>), with messages that name the setting.</summary>
public sealed class WorkerLifecycleValidation : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        var failures = new List<string>();
        if (options.ReceiveWait <= TimeSpan.Zero)
            failures.Add($"{WorkerOptions.Section}:{nameof(WorkerOptions.ReceiveWait)} must be positive");
        if (options.Deadline is { } deadline && deadline <= TimeSpan.Zero)
            failures.Add($"{WorkerOptions.Section}:{nameof(WorkerOptions.Deadline)} ({deadline}) must be positive: "
                + "how long after its start the worker stops (leave it unset for no deadline)");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
