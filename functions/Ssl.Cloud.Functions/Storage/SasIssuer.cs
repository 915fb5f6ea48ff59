using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Ssl.Cloud.Functions.Configuration;

namespace Ssl.Cloud.Functions.Storage;

/// <summary>Short-lived SAS links on exactly one blob each. With an account key (Azurite locally) an account-key
/// service SAS; with a token credential (managed identity in Azure) a user-delegation SAS, the key cached for
/// an hour. Null when the credential allows neither, so callers can still answer without links.</summary>
public sealed class SasIssuer(
    BlobServiceClient service, TimeProvider time, IOptions<PipelineOptions> options, ILogger<SasIssuer> log)
{
    static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    static readonly TimeSpan DelegationKeyLifetime = TimeSpan.FromHours(1);
    readonly SemaphoreSlim keyGate = new(1, 1);
    UserDelegationKey? delegationKey;

    public TimeSpan Lifetime => options.Value.SasLifetime;

    /// <summary>When links issued now stop working.</summary>
    public DateTimeOffset ExpiresAt() => time.GetUtcNow() + Lifetime;

    public Task<Uri?> ReadLinkAsync(BlobClient blob, CancellationToken ct) =>
        LinkAsync(blob, BlobSasPermissions.Read, ct);

    /// <summary>Create and write, nothing else: the holder can upload this one blob but not read, list or
    /// delete.</summary>
    public Task<Uri?> WriteLinkAsync(BlobClient blob, CancellationToken ct) =>
        LinkAsync(blob, BlobSasPermissions.Create | BlobSasPermissions.Write, ct);

    async Task<Uri?> LinkAsync(BlobClient blob, BlobSasPermissions permissions, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var sas = new BlobSasBuilder(permissions, now + Lifetime)
        {
            BlobContainerName = blob.BlobContainerName,
            BlobName = blob.Name,
            Resource = "b",
            StartsOn = now - ClockSkew,
            Protocol = blob.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
        };
        if (blob.CanGenerateSasUri)
            return blob.GenerateSasUri(sas);
        var key = await DelegationKeyAsync(now, ct);
        if (key is null) return null;
        return new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, service.AccountName) }.ToUri();
    }

    async Task<UserDelegationKey?> DelegationKeyAsync(DateTimeOffset now, CancellationToken ct)
    {
        await keyGate.WaitAsync(ct);
        try
        {
            if (delegationKey is { } cached && cached.SignedExpiresOn > now + Lifetime + ClockSkew)
                return cached;
            var response = await service.GetUserDelegationKeyAsync(
                new BlobGetUserDelegationKeyOptions(now + DelegationKeyLifetime)
                {
                    StartsOn = now - ClockSkew,
                }, ct);
            return delegationKey = response.Value;
        }
        catch (RequestFailedException e) when (e.Status is 401 or 403)
        {
            log.LogWarning(e, "No user delegation key for {Account}; links are left out", service.AccountName);
            return null;
        }
        finally
        {
            keyGate.Release();
        }
    }
}
