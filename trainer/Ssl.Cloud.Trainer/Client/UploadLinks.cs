namespace Ssl.Cloud.Trainer.Client;

/// <summary>The answer to <c>POST /api/datasets/{id}/upload-links</c>.</summary>
public sealed record UploadLinks(IReadOnlyList<UploadLink> Links);
