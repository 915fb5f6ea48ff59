namespace Ssl.Cloud.Trainer.Client;

/// <summary>A file that validation refused, and why.</summary>
public sealed record RejectedUpload(string Path, string Reason);
