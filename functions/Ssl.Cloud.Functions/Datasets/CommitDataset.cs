using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Validation;
using Ssl.Cloud.Functions.Http;

namespace Ssl.Cloud.Functions.Datasets;

/// <summary><c>POST /api/datasets/{id}/commit</c>: validate the uploads and answer with the manifest
/// (accepted files, classes, counts, and every rejected file with its reason).</summary>
public sealed class CommitDataset(DatasetService datasets)
{
    [Function(nameof(CommitDataset))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "datasets/{id}/commit")] HttpRequest req,
        string id,
        CancellationToken ct)
    {
        if (!Identifier.IsValid(id)) return Problems.Invalid("id", $"must be {Identifier.Rule}");
        try
        {
            return JsonDocumentResult.Ok(await datasets.CommitAsync(id, ct));
        }
        catch (DatasetNotFoundException e)
        {
            return Problems.NotFound(e.Message);
        }
        catch (ConcurrencyConflictException)
        {
            return Problems.Conflict($"Dataset '{id}' changed while it was validated (another commit?); commit again");
        }
    }
}
