using System.Net;

namespace Ssl.Cloud.Trainer.Client;

/// <summary>What a blob storage answer means for a transfer: fine, try again (maybe with a new link), or give
/// up.</summary>
public static class BlobResponses
{
    public static void Check(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode) return;
        var code = response.Headers.TryGetValues("x-ms-error-code", out var codes) ? codes.First() : null;
        var text = $"{what}: {(int)response.StatusCode} {code ?? response.ReasonPhrase}";
        // An expired or not-yet-valid SAS answers 403 AuthenticationFailed; a fresh link fixes it.
        if (response.StatusCode == HttpStatusCode.Forbidden) throw new TransferRetryException(text, linkExpired: true);
        if ((int)response.StatusCode >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout
            or HttpStatusCode.TooManyRequests || code == "Md5Mismatch")
            throw new TransferRetryException(text);
        throw new InvalidDataException(text);
    }
}
