namespace Ssl.Training.Data.Packing;

/// <summary>A file (or archive entry, as <c>archive.zip!entry</c>, or class folder) left out, and why.</summary>
public sealed record RejectedFile(string Path, string Reason);
