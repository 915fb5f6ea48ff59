using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Functions.Http;
using Ssl.Cloud.Functions.Storage;

namespace Ssl.Cloud.Functions.Runs;

/// <summary><c>GET /api/runs/{id}/artifacts</c>: the run's files (report, encoder, checkpoints) with
/// short-lived read-only links, one blob each, so downloads go straight to storage;
/// <c>?only=encoder|report|checkpoints</c>.</summary>
public sealed class ListArtifacts(RunStore runs, SasIssuer sas)
{
    [Function(nameof(ListArtifacts))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{id}/artifacts")] HttpRequest req,
        string id,
        CancellationToken ct)
    {
        if (Problems.InvalidId(id) is { } invalid) return invalid;
        var only = req.Query["only"].FirstOrDefault();
        Func<string, bool> wanted = _ => true;
        if (only is not null && !ArtifactKinds.All.TryGetValue(only, out wanted!))
            return Problems.Invalid("only", $"'{only}' is not one of {string.Join(", ", ArtifactKinds.All.Keys)}");
        if (await runs.GetStatusAsync(id, ct) is null) return Problems.Missing("run", id);
        var expires = sas.ExpiresAt();
        var links = new List<ArtifactLink>();
        foreach (var artifact in (await runs.ListArtifactsAsync(id, ct)).Where(a => wanted(a.Name)))
        {
            var blob = runs.Container.GetBlobClient(BlobLayout.RunArtifact(id, artifact.Name));
            links.Add(new ArtifactLink(artifact.Name, artifact.SizeBytes, artifact.ContentMd5, artifact.ContentType,
                artifact.LastModified, await sas.ReadLinkAsync(blob, ct), expires));
        }
        return new OkObjectResult(new ArtifactList(id, expires, links));
    }
}
