namespace Ssl.ServiceBus.Endpoint.Tests;

/// <summary>What a finished node process left: its exit code, its stdout as lines and its stderr.</summary>
internal sealed record NodeRun(int ExitCode, IReadOnlyList<string> Output, string Errors);
