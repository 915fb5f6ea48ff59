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

    /// <summary>Every schedule blob: its name, when it was last written, and its definition or why it cannot be read.</summary>
    public async IAsyncEnumerable<ScheduleEntry> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var item in schedules.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, ct).ConfigureAwait(false))
        {
            if (!item.Name.EndsWith(Suffix, StringComparison.Ordinal)) continue;
            var name = item.Name[..^Suffix.Length];
            var written = item.Properties.LastModified ?? DateTimeOffset.MinValue;
            if (!Identifier.IsValid(name))
            {
                yield return new ScheduleEntry(name, written, null, $"the name must be {Identifier.Rule}");
                continue;
            }
            var content = (await schedules.GetBlobClient(item.Name).DownloadContentAsync(ct).ConfigureAwait(false)).Value.Content;
            ScheduleDefinition? definition = null;
            string? error = null;
            try
            {
                definition = content.ToObjectFromJson<ScheduleDefinition>(JsonBody.Options);
            }
            catch (JsonException e)
            {
                error = $"not a valid schedule: {e.Message}";
            }
            if (definition is { SchemaVersion: var version } && version != ScheduleDefinition.CurrentSchemaVersion)
                (definition, error) = (null, $"schemaVersion {version} is not {ScheduleDefinition.CurrentSchemaVersion}");
            yield return new ScheduleEntry(name, written, definition, error);
        }
    }
}
