using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Ssl.Cloud.Core.Validation;
using Ssl.Cloud.Functions.Http;

namespace Ssl.Cloud.Functions.Schedules;

/// <summary>The <c>schedules</c> container: one <c>{name}.json</c> per schedule.</summary>
public sealed class ScheduleStore(BlobContainerClient schedules)
{
    const string Suffix = ".json";

    public BlobContainerClient Container => schedules;

    /// <summary>The schedule and when it was written, or null when there is none of that name.</summary>
    public async Task<ScheduleEntry?> GetAsync(string name, CancellationToken ct)
    {
        var blob = schedules.GetBlobClient(name + Suffix);
        try
        {
            var content = (await blob.DownloadContentAsync(ct)).Value;
            var (definition, error) = Read(content.Content);
            return new ScheduleEntry(name, content.Details.LastModified, definition, error);
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    /// <returns>True when the schedule is new, false when it replaced one.</returns>
    public async Task<bool> PutAsync(string name, ScheduleDefinition definition, CancellationToken ct)
    {
        var blob = schedules.GetBlobClient(name + Suffix);
        var existed = (await blob.ExistsAsync(ct)).Value;
        // One PUT of the whole blob: a reader sees the old schedule or the new one, never half.
        await blob.UploadAsync(BinaryData.FromObjectAsJson(definition, JsonBody.Options), new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
        }, ct);
        return !existed;
    }

    /// <returns>False when there was no such schedule.</returns>
    public async Task<bool> DeleteAsync(string name, CancellationToken ct) =>
        (await schedules.GetBlobClient(name + Suffix).DeleteIfExistsAsync(cancellationToken: ct))
            .Value;

    /// <summary>Every schedule blob: its name, when it was last written, and its definition or why it cannot be
    /// read.</summary>
    public async IAsyncEnumerable<ScheduleEntry> ListAsync(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var item in schedules.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, ct))
        {
            if (!item.Name.EndsWith(Suffix, StringComparison.Ordinal)) continue;
            var name = item.Name[..^Suffix.Length];
            var written = item.Properties.LastModified ?? DateTimeOffset.MinValue;
            if (!Identifier.IsValid(name))
            {
                yield return new ScheduleEntry(name, written, null, $"the name must be {Identifier.Rule}");
                continue;
            }
            var content = (await schedules.GetBlobClient(item.Name).DownloadContentAsync(ct))
                .Value.Content;
            var (definition, error) = Read(content);
            yield return new ScheduleEntry(name, written, definition, error);
        }
    }

    static (ScheduleDefinition? Definition, string? Error) Read(BinaryData content)
    {
        try
        {
            var definition = content.ToObjectFromJson<ScheduleDefinition>(JsonBody.Options);
            return definition is { SchemaVersion: var version } && version != ScheduleDefinition.CurrentSchemaVersion
                ? (null, $"schemaVersion {version} is not {ScheduleDefinition.CurrentSchemaVersion}")
                : (definition, null);
        }
        catch (JsonException e)
        {
            return (null, $"not a valid schedule: {e.Message}");
        }
    }
}
