using Azure;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Contracts;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Validation;
using Ssl.Cloud.Functions.Configuration;
using Ssl.Cloud.Functions.Storage;

namespace Ssl.Cloud.Functions.Datasets;

/// <summary>DESIGN.md §3 steps 1-2: a dataset id with upload links (large data goes straight to blob), then
/// the commit that validates what arrived under <c>raw/</c> and writes the manifest.</summary>
public sealed class DatasetService(DatasetStore datasets, SasIssuer sas, TimeProvider time, IOptions<PipelineOptions> options, ILogger<DatasetService> log)
{
    const int ParallelReads = 8;

    public string NewDatasetId() =>
        $"ds-{time.GetUtcNow():yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 4))}";

    public ValidationResult Check(DatasetCreation body)
    {
        var errors = new List<FieldError>();
        if (body.DatasetId is { } id && !Identifier.IsValid(id))
            errors.Add(new FieldError("datasetId", $"must be {Identifier.Rule}"));
        var files = body.Files ?? [];
        if (files.Count == 0 || files.Count > options.Value.MaxUploadFiles)
            errors.Add(new FieldError("files", $"must list 1 to {options.Value.MaxUploadFiles} paths"));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(files.Count, options.Value.MaxUploadFiles); i++)
        {
            if (!SafePath(files[i])) errors.Add(new FieldError($"files[{i}]", "must be a relative path of '/'-separated names, none empty, '.' or '..', at most 512 characters"));
            else if (!seen.Add(files[i])) errors.Add(new FieldError($"files[{i}]", $"'{files[i]}' is listed twice"));
        }
        return new ValidationResult(errors);
    }

    /// <returns>The links, or null when the dataset exists and is no longer taking uploads.</returns>
    public async Task<DatasetCreated?> CreateAsync(string datasetId, IReadOnlyList<string> files, CancellationToken ct)
    {
        var existing = await datasets.GetManifestAsync(datasetId, ct).ConfigureAwait(false);
        if (existing is null)
        {
            var manifest = new DatasetManifest { DatasetId = datasetId, Status = DatasetStatus.Uploading, UpdatedAt = time.GetUtcNow() };
            try
            {
                await datasets.WriteManifestAsync(manifest, ifMatch: null, ct).ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException)
            {
                existing = await datasets.GetManifestAsync(datasetId, ct).ConfigureAwait(false);
            }
        }
        if (existing is not null && existing.Value.Status != DatasetStatus.Uploading)
            return null;

        var expires = sas.ExpiresAt();
        var links = new List<UploadLink>(files.Count);
        foreach (var path in files)
            links.Add(new UploadLink(path, await sas.WriteLinkAsync(datasets.Container.GetBlobClient(BlobLayout.DatasetRawFile(datasetId, path)), ct).ConfigureAwait(false)));
        log.LogInformation("Dataset {DatasetId}: {FileCount} upload link(s) until {ExpiresAt}", datasetId, files.Count, expires);
        return new DatasetCreated(datasetId, expires, links, $"/api/datasets/{datasetId}/commit");
    }

    /// <summary>Validates every file under <c>raw/</c> by its first bytes and writes the manifest: Ready with
    /// the accepted files, or Rejected when none is usable. A second commit validates again.</summary>
    /// <exception cref="DatasetNotFoundException">No such dataset.</exception>
    /// <exception cref="ConcurrencyConflictException">Another commit of the dataset finished first.</exception>
    public async Task<DatasetManifest> CommitAsync(string datasetId, CancellationToken ct)
    {
        var current = await datasets.GetManifestAsync(datasetId, ct).ConfigureAwait(false) ?? throw new DatasetNotFoundException(datasetId);
        var raw = await datasets.ListRawFilesAsync(datasetId, ct).ConfigureAwait(false);
        var accepted = new List<ManifestFile>();
        var rejected = new List<RejectedFile>();
        if (raw.Count > options.Value.MaxCommitFiles)
            rejected.Add(new RejectedFile("raw/", $"{raw.Count} files; a dataset may have at most {options.Value.MaxCommitFiles}"));
        else
            await Parallel.ForEachAsync(raw, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads, CancellationToken = ct }, async (file, c) =>
            {
                var (ok, reason) = await ValidateAsync(datasetId, file, c).ConfigureAwait(false);
                lock (accepted)
                {
                    if (ok is not null) accepted.Add(ok);
                    else rejected.Add(new RejectedFile(file.Name, reason!));
                }
            }).ConfigureAwait(false);

        var manifest = DatasetManifest.FromValidation(datasetId,
            [.. accepted.OrderBy(f => f.Path, StringComparer.Ordinal)], [.. rejected.OrderBy(r => r.Path, StringComparer.Ordinal)], time.GetUtcNow());
        if (raw.Count == 0)
            manifest = manifest with { StatusReason = "nothing was uploaded under raw/" };
        await datasets.WriteManifestAsync(manifest, current.ETag, ct).ConfigureAwait(false);
        log.LogInformation("Dataset {DatasetId} committed: {Status}, {Accepted} accepted, {Rejected} rejected, {Classes} classes",
            datasetId, manifest.Status, manifest.Files.Count, manifest.Rejected.Count, manifest.Classes.Count);
        return manifest;
    }

    async Task<(ManifestFile?, string?)> ValidateAsync(string datasetId, ArtifactInfo file, CancellationToken ct)
    {
        var limits = options.Value;
        if (file.SizeBytes > limits.MaxFileBytes)
            return (null, $"{file.SizeBytes} bytes; at most {limits.MaxFileBytes} per file");
        var head = await ReadHeadAsync(datasetId, file.Name, ct).ConfigureAwait(false);
        var (header, reason) = ImageHeader.Read(head);
        if (header is null) return (null, reason);
        if (header.Width * header.Height > limits.MaxPixels)
            return (null, $"{header.Width}x{header.Height} pixels; at most {limits.MaxPixels} per image");
        var slash = file.Name.IndexOf('/');
        return (new ManifestFile
        {
            Path = file.Name,
            SizeBytes = file.SizeBytes,
            Format = header.Format,
            Width = (int)header.Width,
            Height = (int)header.Height,
            Label = slash > 0 ? file.Name[..slash] : null,
        }, null);
    }

    /// <summary>The file's first <see cref="ImageHeader.ReadBytes"/> in one ranged read: the header, never the pixels.</summary>
    async Task<byte[]> ReadHeadAsync(string datasetId, string path, CancellationToken ct)
    {
        var blob = datasets.Container.GetBlobClient(BlobLayout.DatasetRawFile(datasetId, path));
        var response = await blob.DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(0, ImageHeader.ReadBytes) }, ct).ConfigureAwait(false);
        await using var content = response.Value.Content;
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct).ConfigureAwait(false);
        return buffer.ToArray();
    }

    static bool SafePath(string path)
    {
        try
        {
            BlobLayout.RelativePath(path);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
