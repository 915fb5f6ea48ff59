using System.Diagnostics;
using System.Security.Cryptography;
using Ssl.Training.IO;

namespace Ssl.Cloud.Trainer.Client;

/// <summary>Downloads a run's artifacts straight from blob storage. Each file is checked against its listed length
/// and Content-MD5 before it is renamed into place (so a file under its name is whole), retried on truncation or
/// a server error, and fetched with new links when the old ones expire. A file already here intact is kept.</summary>
public sealed class ArtifactDownloader(HttpClient blobs, IArtifactLinkSource source, TransferOptions options)
{
    readonly SemaphoreSlim refresh = new(1, 1);
    Dictionary<string, ArtifactLink> links = [];
    int generation;

    public async Task<IReadOnlyList<ArtifactLink>> ListAsync(CancellationToken ct)
    {
        var listed = await source.GetAsync(ct);
        links = listed.ToDictionary(l => l.Name, StringComparer.Ordinal);
        return listed;
    }

    public async Task<DownloadResult> DownloadAsync(IReadOnlyList<ArtifactLink> artifacts, string folder,
        TransferProgress progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var written = new string[artifacts.Count];
        long fetched = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = ct };
        await Parallel.ForAsync(0, artifacts.Count, parallel, async (i, token) =>
        {
            var artifact = artifacts[i];
            var target = written[i] = TargetPath(folder, artifact.Name);
            if (await IsIntactAsync(target, artifact, token))
            {
                progress.FileSkipped(artifact.SizeBytes);
                return;
            }
            await FetchWithRetryAsync(artifact, target, progress, token);
            Interlocked.Add(ref fetched, artifact.SizeBytes);
            progress.FileDone();
        });
        return new DownloadResult(written, progress.SkippedFiles, fetched, clock.Elapsed);
    }

    /// <summary>The artifact's local path; a name that would leave the folder is refused, whoever sent it.</summary>
    public static string TargetPath(string folder, string name)
    {
        var root = Path.GetFullPath(folder);
        var path = Path.GetFullPath(Path.Combine(root, name));
        if (Path.IsPathRooted(name) || !path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidDataException($"artifact '{name}' would be written outside '{folder}'; refused.");
        return path;
    }

    static async Task<bool> IsIntactAsync(string path, ArtifactLink artifact, CancellationToken ct) =>
        File.Exists(path) && new FileInfo(path).Length == artifact.SizeBytes && artifact.ContentMd5 is { } md5
        && await FileMd5.ComputeAsync(path, ct) == md5;

    async Task FetchWithRetryAsync(ArtifactLink artifact, string target, TransferProgress progress,
        CancellationToken ct)
    {
        long attemptBytes = 0;
        var seen = generation;
        var retry = TransferRetry.Create(options, async e =>
        {
            progress.AddBytes(-Interlocked.Exchange(ref attemptBytes, 0));
            if (e is TransferRetryException { LinkExpired: true }) seen = await RefreshAsync(seen, ct);
        });
        await retry.ExecuteAsync(async token =>
        {
            var link = links.GetValueOrDefault(artifact.Name)
                ?? throw new InvalidDataException($"{artifact.Name}: no longer listed among the run's artifacts.");
            var url = link.Url ?? throw new InvalidDataException(
                $"{artifact.Name}: the API gave no download link (its storage credential cannot sign one).");
            using var response = await blobs.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, token);
            BlobResponses.Check(response, $"download of {artifact.Name}");
            await using var body = await response.Content.ReadAsStreamAsync(token);
            // The atomic writer is synchronous; it runs off the caller's thread and reads the body as it writes.
            await Task.Run(() => AtomicFile.Write(target, file => Copy(body, file, link, bytes =>
            {
                attemptBytes += bytes;
                progress.AddBytes(bytes);
            })), token);
        }, ct);
    }

    /// <summary>Copies the body, then checks length and MD5; a mismatch throws before the rename, so the temp file
    /// is removed and nothing partial appears under the artifact's name.</summary>
    static void Copy(Stream body, Stream file, ArtifactLink link, Action<long> read)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var buffer = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = Read(body, buffer, link, total)) > 0)
        {
            file.Write(buffer, 0, n);
            md5.AppendData(buffer, 0, n);
            total += n;
            read(n);
        }
        if (total != link.SizeBytes)
            throw new TransferRetryException(
                $"download of {link.Name}: got {total} of {link.SizeBytes} bytes (truncated).");
        var hash = Convert.ToBase64String(md5.GetHashAndReset());
        if (link.ContentMd5 is { } expected && hash != expected)
            throw new TransferRetryException(
                $"download of {link.Name}: MD5 {hash} differs from the listed {expected}.");
    }

    static int Read(Stream body, byte[] buffer, ArtifactLink link, long total)
    {
        try
        {
            return body.Read(buffer);
        }
        catch (IOException e)
        {
            throw new TransferRetryException(
                $"download of {link.Name}: the connection dropped after {total} of {link.SizeBytes} bytes (truncated).",
                inner: e);
        }
    }

    /// <summary>One refresh for all the files that found their links expired at the same time.</summary>
    async Task<int> RefreshAsync(int seen, CancellationToken ct)
    {
        await refresh.WaitAsync(ct);
        try
        {
            if (generation != seen) return generation;
            links = (await source.GetAsync(ct)).ToDictionary(l => l.Name, StringComparer.Ordinal);
            return ++generation;
        }
        finally
        {
            refresh.Release();
        }
    }
}
