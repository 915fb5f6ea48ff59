using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Ssl.Cloud.Trainer.Client;

/// <summary>A large file sent over its SAS link as blocks (Put Block, then Put Block List), the way the Blob SDK
/// splits an upload past its single-shot size: each block carries its own Content-MD5, so a corrupted block is
/// refused alone, and no blob exists until the block list commits it whole with the file's Content-MD5. The
/// caller's retry sends the file again; uncommitted blocks of a failed try are dropped by the service.</summary>
static class BlockUpload
{
    public static async Task PutAsync(HttpClient blobs, Stream file, UploadFileInfo info, Uri url, int blockBytes,
        CancellationToken ct)
    {
        // Block ids must be one length within a blob; a fresh prefix per try keeps a retry off a failed try's blocks.
        var prefix = Guid.NewGuid().ToString("N");
        var ids = new List<string>();
        var buffer = new byte[blockBytes];
        int read;
        while ((read = await file.ReadAtLeastAsync(buffer, blockBytes, throwOnEndOfStream: false, ct)) > 0)
        {
            var id = Convert.ToBase64String(Encoding.ASCII.GetBytes($"{prefix}-{ids.Count:D6}"));
            using var request = new HttpRequestMessage(HttpMethod.Put,
                With(url, $"comp=block&blockid={Uri.EscapeDataString(id)}"))
            {
                Content = new ByteArrayContent(buffer, 0, read),
            };
            request.Content.Headers.ContentMD5 = MD5.HashData(buffer.AsSpan(0, read));
            using var response = await blobs.SendAsync(request, ct);
            BlobResponses.Check(response, $"upload of {info.Path} (block {ids.Count})");
            ids.Add(id);
        }
        var list = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>");
        foreach (var id in ids) list.Append("<Latest>").Append(id).Append("</Latest>");
        using var commit = new HttpRequestMessage(HttpMethod.Put, With(url, "comp=blocklist"))
        {
            Content = new StringContent(list.Append("</BlockList>").ToString(), Encoding.UTF8),
        };
        commit.Content.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        commit.Headers.Add("x-ms-blob-content-md5", info.Md5);
        commit.Headers.Add("x-ms-blob-content-type", "application/octet-stream");
        using var committed = await blobs.SendAsync(commit, ct);
        BlobResponses.Check(committed, $"upload of {info.Path} (block list)");
    }

    static Uri With(Uri url, string query) =>
        new(url.AbsoluteUri + (string.IsNullOrEmpty(url.Query) ? "?" : "&") + query);
}
