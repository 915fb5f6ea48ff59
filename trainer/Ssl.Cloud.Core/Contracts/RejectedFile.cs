namespace Ssl.Cloud.Core.Contracts;

/// <summary>A file validation refused, and why, in words a person can act on.</summary>
public sealed record RejectedFile(string Path, string Reason);
