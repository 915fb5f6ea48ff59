namespace Ssl.Cloud.Trainer.Client;

/// <summary>A file to upload: its path under the dataset's <c>raw/</c> (forward slashes) and where it is
/// here.</summary>
public sealed record LocalFile(string Path, string FullPath, long Length);
