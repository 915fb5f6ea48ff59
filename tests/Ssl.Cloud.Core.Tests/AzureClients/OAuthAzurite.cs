using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;

namespace Ssl.Cloud.Core.Tests.AzureClients;

/// <summary>An Azurite blob service of its own with <c>--oauth basic</c>, which needs HTTPS: a self-signed
/// certificate for 127.0.0.1 made here, trusted only by the clients this fixture configures.</summary>
public sealed class OAuthAzurite : IAsyncLifetime
{
    readonly string folder = Directory.CreateTempSubdirectory("ssl-oauth-azurite-").FullName;
    X509Certificate2? certificate;
    Process? process;

    public Uri BlobServiceUri { get; private set; } = null!;

    /// <summary>Blob client options whose transport trusts this Azurite's certificate and no other self-signed
    /// one.</summary>
    public BlobClientOptions ClientOptions()
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None || cert?.Thumbprint == certificate!.Thumbprint,
        };
        return new BlobClientOptions { Transport = new HttpClientTransport(handler) };
    }

    public async Task InitializeAsync()
    {
        certificate = CreateCertificate();
        var certPath = Path.Combine(folder, "cert.pem");
        var keyPath = Path.Combine(folder, "key.pem");
        await File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(keyPath, certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());

        var root = RepositoryRoot();
        var azurite = Path.Combine(root, ".tools", "azurite", "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(azurite)) await RunAsync("bash", Path.Combine(root, "tests", "azurite.sh"), "install");
        var port = FreePort();
        var start = new ProcessStartInfo(azurite) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--blobHost", "127.0.0.1", "--blobPort", $"{port}", "--oauth", "basic",
                     "--cert", certPath, "--key", keyPath, "--skipApiVersionCheck", "--loose", "--inMemoryPersistence",
                     "--silent" })
            start.ArgumentList.Add(a);
        process = Process.Start(start)!;
        BlobServiceUri = new Uri($"https://127.0.0.1:{port}/devstoreaccount1");
        for (var i = 0; i < 300 && !await AnswersAsync(port); i++)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"azurite exited: {await process.StandardError.ReadToEndAsync()}");
            await Task.Delay(100);
        }
    }

    public Task DisposeAsync()
    {
        if (process is { HasExited: false }) process.Kill(entireProcessTree: true);
        process?.Dispose();
        certificate?.Dispose();
        Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }

    static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(
            cert.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static async Task<bool> AnswersAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    static async Task RunAsync(string file, params string[] args)
    {
        using var p = Process.Start(file, args);
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}");
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ssl.Cloud.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("no Ssl.Cloud.sln above the test output");
    }
}
