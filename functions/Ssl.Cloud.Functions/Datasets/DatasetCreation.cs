namespace Ssl.Cloud.Functions.Datasets;

/// <summary>The body of <c>POST /api/datasets</c>: the files to upload, as paths under <c>raw/</c>
/// (<c>cat/001.png</c>: the first folder is the class). <see cref="DatasetId"/> is optional; naming it
/// again while the dataset is still uploading hands out links for more files.</summary>
public sealed record DatasetCreation
{
    public string? DatasetId { get; init; }
    public List<string>? Files { get; init; }
}
