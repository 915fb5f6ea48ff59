namespace Ssl.Cloud.Trainer.Worker;

/// <summary>One file of a pack in blob storage: its name under <c>packed/{res}/</c>, size and SHA-256 (hex).</summary>
public sealed record PackIndexFile(string Name, long Bytes, string Sha256);
