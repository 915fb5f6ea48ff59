using Ssl.Cloud.Core.Contracts;

namespace Ssl.Cloud.Core.Submission;

/// <summary>The run a submit stored (or found stored), its status, and whether this submit created it.</summary>
public sealed record RunSubmitted(TrainingRequest Request, RunStatus Status, bool Created);
