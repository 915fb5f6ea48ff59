using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Web;
using Ssl.Cloud.Core.Tests.Azurite;

namespace Ssl.Cloud.Trainer.Tests.Client;

/// <summary>A loopback HTTP proxy in front of Azurite that a test controls: it counts PUTs, can cut a GET's body
/// short (the client sees a truncated download), and answers 403, as storage does for an expired SAS, to links
/// whose signature the test has marked expired. Links point at it by swapping Azurite's host and port for its own,
/// or a process's storage connection string names it as the blob endpoint. The hooks act on SAS requests
/// (a <c>sig</c> in the query) only, so the API's own storage calls pass untouched; <see cref="OnRequest"/>, which
/// sees every request, is the exception.</summary>
sealed class BlobProxy : IAsyncDisposable
{
    static readonly HashSet<string> Hop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Content-Length", "Transfer-Encoding", "Keep-Alive", "Expect",
    };

    readonly HttpListener listener = new();
    readonly HttpClient upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    readonly Uri target;
    readonly ConcurrentDictionary<string, bool> expired = new(StringComparer.Ordinal);
    readonly Task loop;
    int puts, createdPuts, inFlight, truncateGets, truncated, expireGets, expiredAnswers;

    public BlobProxy(Uri azurite)
    {
        target = new Uri(azurite.GetLeftPart(UriPartial.Authority));
        Port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        loop = Task.Run(AcceptAsync);
    }

    public int Port { get; }
    public int Puts => Volatile.Read(ref puts);

    /// <summary>PUTs that storage answered 201: files that landed.</summary>
    public int CreatedPuts => Volatile.Read(ref createdPuts);

    public int Truncated => Volatile.Read(ref truncated);

    /// <summary>403s sent for expired links.</summary>
    public int ExpiredAnswers => Volatile.Read(ref expiredAnswers);

    /// <summary>The next <paramref name="count"/> SAS GETs find their link expired, and that link stays
    /// expired.</summary>
    public void ExpireNextGets(int count) => Interlocked.Exchange(ref expireGets, count);
    public bool Idle => Volatile.Read(ref inFlight) == 0;

    /// <summary>Called on each PUT's arrival with the running count, before it is forwarded.</summary>
    public Action<int>? OnPut { get; set; }

    /// <summary>Called on the arrival of every request, signed by SAS or by the account key, with its method and path,
    /// before it is forwarded: the client waits for its answer meanwhile.</summary>
    public Action<string, string>? OnRequest { get; set; }

    /// <summary>A storage connection string (the development account's key) whose blob endpoint is this proxy: a
    /// process given it makes every storage request through the proxy.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteFixture.DevelopmentKey};"
        + $"BlobEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    /// <summary>The next <paramref name="count"/> successful GETs send half their body, then drop the
    /// connection.</summary>
    public void TruncateNextGets(int count) => Interlocked.Exchange(ref truncateGets, count);

    /// <summary>Answers 403 AuthenticationFailed to the link with this <c>sig</c>, as storage does once a SAS
    /// expires.</summary>
    public void Expire(Uri link) => expired[Signature(link)!] = true;

    /// <summary>The same link through the proxy.</summary>
    public Uri Route(Uri link) => new UriBuilder(link) { Host = "127.0.0.1", Port = Port }.Uri;

    static string? Signature(Uri link) => HttpUtility.ParseQueryString(link.Query)["sig"];

    async Task AcceptAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e)
                when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(context));
        }
    }

    async Task ServeAsync(HttpListenerContext context)
    {
        Interlocked.Increment(ref inFlight);
        try
        {
            var request = context.Request;
            var response = context.Response;
            OnRequest?.Invoke(request.HttpMethod, request.Url!.AbsolutePath);
            var sig = Signature(request.Url!);
            if (sig is not null && request.HttpMethod == "GET" && Interlocked.Decrement(ref expireGets) >= 0)
                expired[sig] = true;
            if (sig is not null && request.HttpMethod == "PUT")
            {
                var n = Interlocked.Increment(ref puts);
                OnPut?.Invoke(n);
            }
            if (sig is not null && expired.ContainsKey(sig))
            {
                Interlocked.Increment(ref expiredAnswers);
                response.StatusCode = 403;
                response.AddHeader("x-ms-error-code", "AuthenticationFailed");
                response.Close();
                return;
            }
            using var forward = new HttpRequestMessage(new HttpMethod(request.HttpMethod),
                new Uri(target, request.RawUrl));
            if (request.HasEntityBody)
            {
                var body = new MemoryStream();
                await request.InputStream.CopyToAsync(body);
                forward.Content = new ByteArrayContent(body.ToArray());
            }
            foreach (var name in request.Headers.AllKeys.OfType<string>().Where(n => !Hop.Contains(n)))
            {
                var values = request.Headers.GetValues(name)!;
                if (!forward.Headers.TryAddWithoutValidation(name, values))
                    forward.Content?.Headers.TryAddWithoutValidation(name, values);
            }
            using var answer = await upstream.SendAsync(forward, HttpCompletionOption.ResponseContentRead);
            if (sig is not null && request.HttpMethod == "PUT" && answer.StatusCode == HttpStatusCode.Created)
                Interlocked.Increment(ref createdPuts);
            var bytes = await answer.Content.ReadAsByteArrayAsync();
            response.StatusCode = (int)answer.StatusCode;
            foreach (var (name, values) in answer.Headers.Concat(answer.Content.Headers)
                .Where(h => !Hop.Contains(h.Key)))
                foreach (var value in values) response.AddHeader(name, value);
            // A HEAD answer has no body but the blob's length, which the SDK reads as the blob's size.
            response.ContentLength64 = request.HttpMethod == "HEAD"
                ? answer.Content.Headers.ContentLength ?? 0
                : bytes.Length;
            if (sig is not null && request.HttpMethod == "GET" && answer.IsSuccessStatusCode && bytes.Length > 1
                && Interlocked.Decrement(ref truncateGets) >= 0)
            {
                Interlocked.Increment(ref truncated);
                await response.OutputStream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
                await response.OutputStream.FlushAsync();
                response.Abort();
                return;
            }
            if (request.HttpMethod != "HEAD") await response.OutputStream.WriteAsync(bytes);
            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // The client went away mid-request (a killed or cancelled uploader): nothing to answer.
        }
        finally
        {
            Interlocked.Decrement(ref inFlight);
        }
    }

    static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await loop;
        upstream.Dispose();
    }
}
