using Ssl.Cloud.Core.Contracts;

namespace Ssl.Cloud.Functions.Datasets;

/// <summary>The answer to a commit: the dataset's status now (validating, or already ready or rejected) and where
/// to poll it. The manifest's status is the truth.</summary>
public sealed record CommitAccepted(string DatasetId, DatasetStatus Status, string StatusUrl);
