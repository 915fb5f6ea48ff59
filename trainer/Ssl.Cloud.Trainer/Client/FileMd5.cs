using System.Security.Cryptography;

namespace Ssl.Cloud.Trainer.Client;

/// <summary>Base64 MD5 of a file, the form of blob storage's Content-MD5.</summary>
public static class FileMd5
{
    public static async Task<string> ComputeAsync(string path, CancellationToken ct)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16,
            useAsync: true);
        return Convert.ToBase64String(await MD5.HashDataAsync(stream, ct));
    }
}
