using System.Globalization;
using Ssl.Cloud.Core.Contracts;

namespace Ssl.Cloud.Trainer.Client;

/// <summary>A run's status in words, one line, for <c>runs status</c> and <c>runs watch</c>.</summary>
public static class RunStatusText
{
    public static string Line(RunStatus status)
    {
        var text = $"{status.RunId}: " +
            $"{State(status.State)}{(status.CancelRequested && !status.IsTerminal ? " (cancel requested)" : "")}";
        if (status.Progress is { } p)
            text += string.Create(CultureInfo.InvariantCulture,
                $", epoch {p.Epoch}, step {p.Step}/{p.TotalSteps}{(p.Loss is { } loss ? $", loss {loss:F4}" : "")}");
        if (status.FailureReason is { } reason) text += $": {reason}";
        return text;
    }

    public static string State(RunState state) => state.ToString().ToLowerInvariant();
}
