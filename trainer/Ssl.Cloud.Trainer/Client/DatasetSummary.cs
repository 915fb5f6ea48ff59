using System.Text.Json;

namespace Ssl.Cloud.Trainer.Client;

/// <summary><c>GET /api/datasets/{id}</c>: the manifest summary. <see cref="Files"/> is read as a count or as the
/// manifest's list of files, so the client reads either shape of the manifest.</summary>
public sealed record DatasetSummary
{
    public required string DatasetId { get; init; }
    public required string Status { get; init; }
    public string? StatusReason { get; init; }
    public JsonElement Files { get; init; }
    public IReadOnlyList<string> Classes { get; init; } = [];
    public IReadOnlyDictionary<string, int> ClassCounts { get; init; } = new Dictionary<string, int>();
    public IReadOnlyList<RejectedUpload> Rejected { get; init; } = [];
    public string? RunId { get; init; }

    public int Accepted => Files.ValueKind switch
    {
        JsonValueKind.Number => Files.GetInt32(),
        JsonValueKind.Array => Files.GetArrayLength(),
        _ => ClassCounts.Values.Sum(),
    };

    /// <summary>Validation is over: the dataset is ready or rejected.</summary>
    public bool IsSettled => Status.Equals("ready", StringComparison.OrdinalIgnoreCase)
        || Status.Equals("rejected", StringComparison.OrdinalIgnoreCase);
}
