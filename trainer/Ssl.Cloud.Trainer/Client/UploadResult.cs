namespace Ssl.Cloud.Trainer.Client;

/// <summary>What an upload did: files sent, files skipped because the same bytes were already there, bytes
/// sent.</summary>
public sealed record UploadResult(int Uploaded, int Skipped, long BytesSent, TimeSpan Elapsed);
