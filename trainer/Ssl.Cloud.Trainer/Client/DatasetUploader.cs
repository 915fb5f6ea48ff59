using System.Diagnostics;
using System.Net.Http.Headers;

namespace Ssl.Cloud.Trainer.Client;

/// <summary>Uploads files straight to blob storage: links page by page, bounded parallel PUTs with Content-MD5
/// (storage refuses a body that does not match), each file retried on its own. Resumable: the API marks links
/// whose blob already has the same length and MD5, and those files are not sent again.</summary>
public sealed class DatasetUploader(HttpClient blobs, IUploadLinkSource links, TransferOptions options)
{
    public async Task<UploadResult> UploadAsync(IReadOnlyList<LocalFile> files, TransferProgress progress,
        CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        int uploaded = 0;
        long sent = 0;
        foreach (var page in files.Chunk(options.PageSize))
        {
            var infos = new UploadFileInfo[page.Length];
            await Parallel.ForAsync(0, page.Length, InParallel(ct), async (i, token) =>
                infos[i] = new UploadFileInfo(page[i].Path, page[i].Length,
                    await FileMd5.ComputeAsync(page[i].FullPath, token)));
            var issued = (await links.GetAsync(infos, ct)).ToDictionary(l => l.Path, StringComparer.Ordinal);
            await Parallel.ForAsync(0, page.Length, InParallel(ct), async (i, token) =>
            {
                var link = issued.GetValueOrDefault(infos[i].Path)
                    ?? throw new InvalidDataException($"{infos[i].Path}: the API issued no upload link for it.");
                if (link.Exists)
                {
                    progress.FileSkipped(infos[i].Length);
                    return;
                }
                if (await PutWithRetryAsync(page[i], infos[i], link, progress, token))
                {
                    Interlocked.Increment(ref uploaded);
                    Interlocked.Add(ref sent, infos[i].Length);
                    progress.FileDone();
                }
                else progress.FileSkipped(0);
            });
        }
        return new UploadResult(uploaded, progress.SkippedFiles, sent, clock.Elapsed);
    }

    ParallelOptions InParallel(CancellationToken ct) =>
        new() { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct };

    /// <returns>False when a fresh link said the blob is there after all (an earlier attempt landed).</returns>
    async Task<bool> PutWithRetryAsync(LocalFile file, UploadFileInfo info, UploadLink link, TransferProgress progress,
        CancellationToken ct)
    {
        long attemptBytes = 0;
        var current = link;
        var retry = TransferRetry.Create(options, async e =>
        {
            progress.AddBytes(-Interlocked.Exchange(ref attemptBytes, 0));
            if (e is TransferRetryException { LinkExpired: true })
                current = (await links.GetAsync([info], ct)).Single();
        });
        var done = false;
        await retry.ExecuteAsync(async token =>
        {
            if (current.Exists)
            {
                progress.AddBytes(info.Length);
                return;
            }
            await PutAsync(file, info, current.Url ?? throw new InvalidDataException(
                $"{info.Path}: the API gave no upload link (its storage credential cannot sign one)."), bytes =>
            {
                Interlocked.Add(ref attemptBytes, bytes);
                progress.AddBytes(bytes);
            }, token);
            done = true;
        }, ct);
        return done;
    }

    async Task PutAsync(LocalFile file, UploadFileInfo info, Uri url, Action<long> sent, CancellationToken ct)
    {
        await using var stream = new CountingStream(
            new FileStream(file.FullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true),
            sent);
        if (info.Length > options.BlockUploadThreshold)
        {
            await BlockUpload.PutAsync(blobs, stream, info, url, options.BlockBytes, ct);
            return;
        }
        using var request = new HttpRequestMessage(HttpMethod.Put, url)
        {
            Content = new StreamContent(stream, 1 << 16)
        };
        request.Headers.Add("x-ms-blob-type", "BlockBlob");
        // Content-MD5 makes storage check the body in transit; x-ms-blob-content-md5 keeps it as the blob's
        // property, which the API's exists check and a download's verification read.
        request.Headers.Add("x-ms-blob-content-md5", info.Md5);
        request.Content.Headers.ContentMD5 = Convert.FromBase64String(info.Md5);
        request.Content.Headers.ContentLength = info.Length;
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await blobs.SendAsync(request, ct);
        BlobResponses.Check(response, $"upload of {info.Path}");
    }
}
