using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Core.Archives;
using Ssl.Cloud.Core.Storage;
using Ssl.Cloud.Core.Validation;
using Ssl.Cloud.Functions.Configuration;
using Ssl.Cloud.Functions.Http;

namespace Ssl.Cloud.Functions.Datasets;

/// <summary><c>POST /api/datasets/{id}/upload-links</c>: one page of files (at most <c>MaxUploadFiles</c>), one
/// write-only link each; 400 lists every bad path by its index.</summary>
public sealed class RequestUploadLinks(DatasetService datasets, IOptions<PipelineOptions> options)
{
    [Function(nameof(RequestUploadLinks))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "datasets/{id}/upload-links")] HttpRequest req,
        string id,
        CancellationToken ct)
    {
        if (Problems.InvalidId(id) is { } invalid) return invalid;
        var (body, problem) =
            await JsonBody.ReadAsync<UploadLinksRequest>(req, options.Value.MaxRequestBytes, optional: false, ct);
        if (problem is not null) return problem;
        var errors = Check(body!.Files ?? []);
        if (errors.Count > 0) return Problems.Invalid(errors);
        try
        {
            return new OkObjectResult(new { links = await datasets.LinksAsync(id, body.Files!, ct) });
        }
        catch (Exception e) when (DatasetProblems.From(e, id) is { } answer)
        {
            return answer;
        }
    }

    List<FieldError> Check(List<UploadFile> files)
    {
        var o = options.Value;
        var errors = new List<FieldError>();
        if (files.Count == 0 || files.Count > o.MaxUploadFiles)
            errors.Add(new FieldError("files", $"must list 1 to {o.MaxUploadFiles} files per call, not {files.Count}"));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(files.Count, o.MaxUploadFiles); i++)
        {
            var (path, length, md5) = files[i];
            var at = $"files[{i}]";
            if (!SafePath(path))
                errors.Add(new FieldError($"{at}.path",
                    $"'{path}': must be a relative path of '/'-separated names, none empty, '.' or '..', "
                    + "no '\\', at most 512 characters"));
            else if (!seen.Add(path))
                errors.Add(new FieldError($"{at}.path", $"'{path}' is listed twice"));
            var max = BlobZipArchive.IsArchive(path ?? "") ? o.MaxZipTotalBytes : o.MaxFileBytes;
            if (length < 0 || length > max)
                errors.Add(new FieldError($"{at}.length", $"'{path}': {length} bytes; must be 0 to {max}"));
            if (md5 is not null && !IsMd5(md5))
                errors.Add(new FieldError($"{at}.md5", $"'{path}': must be the base64 of 16 bytes"));
        }
        return errors;
    }

    static bool IsMd5(string value)
    {
        Span<byte> bytes = stackalloc byte[18];
        return Convert.TryFromBase64String(value, bytes, out var written) && written == 16;
    }

    static bool SafePath(string? path)
    {
        if (path is null) return false;
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
