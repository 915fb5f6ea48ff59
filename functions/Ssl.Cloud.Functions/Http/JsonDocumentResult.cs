using Microsoft.AspNetCore.Mvc;
using Ssl.Cloud.Core.Contracts;

namespace Ssl.Cloud.Functions.Http;

/// <summary>A stored contract document as the answer, written by <see cref="ContractJson"/> exactly as the blob
/// holds it (camelCase, NaN loss as "NaN"), not re-serialised by MVC's defaults.</summary>
public static class JsonDocumentResult
{
    public static ContentResult Ok<T>(T document) where T : IVersionedDocument => new()
    {
        Content = ContractJson.SerializeToString(document),
        ContentType = "application/json; charset=utf-8",
        StatusCode = 200,
    };
}
