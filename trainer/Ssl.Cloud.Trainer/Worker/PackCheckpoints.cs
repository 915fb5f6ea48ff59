using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Training.Data.Packing;

namespace Ssl.Cloud.Trainer.Worker;

/// <summary>How far a pack got, in blob storage, so that a pack killed part-way continues on any machine without
/// the raw files of the shards it already wrote: <c>packed/{res}/plan.json</c> (the files in decode order, written
/// with the first shard) and <c>packed/{res}/progress.json</c> (rewritten after each shard is uploaded: the plan
/// position and each written shard's size and SHA-256). Both carry a hash of the manifest's files, the resolution and
/// the options that shape the shards, so a plan of other files or shards is never continued; both are deleted once
/// the pack is published.</summary>
public sealed class PackCheckpoints(DatasetStore datasets, DatasetManifest manifest, int resolution,
    PackOptions shaping)
{
    public const string PlanFile = "plan.json";
    public const string ProgressFile = "progress.json";

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    sealed record PlanBlob(string Key, PackPlan Plan);

    sealed record ProgressBlob(string Key, PackProgress Progress, IReadOnlyList<PackIndexFile> Written);

    readonly string key = KeyOf(manifest, resolution, shaping);
    bool planWritten;

    /// <summary>The pack to continue: its plan, progress and written shards, when both files are there for these
    /// files and every shard they list is in blob storage at its size; else null (pack from the start).</summary>
    public async Task<(PackPlan Plan, PackProgress Progress, IReadOnlyList<PackIndexFile> Written)?> ReadAsync(
        IReadOnlyDictionary<string, ArtifactInfo> uploaded, CancellationToken ct)
    {
        if (!uploaded.ContainsKey(PlanFile) || !uploaded.ContainsKey(ProgressFile)) return null;
        var plan = await ReadAsync<PlanBlob>(PlanFile, ct);
        var progress = await ReadAsync<ProgressBlob>(ProgressFile, ct);
        if (plan?.Key != key || progress?.Key != key) return null;
        if (!progress.Written.All(f => uploaded.TryGetValue(f.Name, out var blob) && blob.SizeBytes == f.Bytes))
            return null;
        planWritten = true;
        return (plan.Plan, progress.Progress, progress.Written);
    }

    /// <summary>Forgets the pack <see cref="ReadAsync"/> found: the next <see cref="WriteAsync"/> writes a new
    /// plan.</summary>
    public void Restart() => planWritten = false;

    /// <summary>Records a shard as written (after its upload): the plan on the first call, the progress
    /// always.</summary>
    public async Task WriteAsync(PackPlan plan, PackProgress progress, IReadOnlyList<PackIndexFile> written,
        CancellationToken ct)
    {
        if (!planWritten)
            await datasets.UploadPackedFileAsync(manifest.DatasetId, resolution, PlanFile,
                new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(new PlanBlob(key, plan), Json)), ct);
        planWritten = true;
        await datasets.UploadPackedFileAsync(manifest.DatasetId, resolution, ProgressFile,
            new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(new ProgressBlob(key, progress, written), Json)), ct);
    }

    public async Task DeleteAsync(CancellationToken ct)
    {
        await datasets.DeletePackedFileAsync(manifest.DatasetId, resolution, ProgressFile, ct);
        await datasets.DeletePackedFileAsync(manifest.DatasetId, resolution, PlanFile, ct);
    }

    async Task<T?> ReadAsync<T>(string file, CancellationToken ct) where T : class
    {
        using var buffer = new MemoryStream();
        try
        {
            await datasets.DownloadPackedFileAsync(manifest.DatasetId, resolution, file, buffer, ct);
            return JsonSerializer.Deserialize<T>(buffer.ToArray(), Json);
        }
        catch (Exception e) when (e is FileNotFoundException or JsonException)
        {
            return null; // gone, or not ours to read: pack from the start
        }
    }

    static string KeyOf(DatasetManifest manifest, int resolution, PackOptions o)
    {
        var text = new StringBuilder(FormattableString.Invariant(
            $"v1\t{resolution}\t{o.ShardBytes}\t{o.TestFraction}\t{o.Seed}\t{o.Resize}\t{o.Color}\t")
            + $"{JsonSerializer.Serialize(o.Limits)}\t{JsonSerializer.Serialize(o.Zip)}\n");
        foreach (var f in manifest.Files.OrderBy(f => f.Path, StringComparer.Ordinal))
            text.Append(f.Path).Append('\t').Append(f.SizeBytes).Append('\t').Append(f.Label).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
