using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Ssl.Cloud.Core.Validation;

namespace Ssl.Cloud.Functions.Http;

/// <summary>RFC 9457 problem answers. Validation problems list every field at once (<c>errors</c>, keyed by
/// the JSON path in camelCase), the shape ASP.NET Core clients already read.</summary>
public static class Problems
{
    public static BadRequestObjectResult Invalid(IEnumerable<FieldError> errors) =>
        new(new ValidationProblemDetails(errors.GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal))
        {
            Title = "The request is invalid",
            Status = StatusCodes.Status400BadRequest,
        });

    public static BadRequestObjectResult Invalid(string field, string message) => Invalid([new FieldError(field, message)]);

    public static NotFoundObjectResult NotFound(string detail) =>
        new(Problem(StatusCodes.Status404NotFound, "Not found", detail));

    public static ConflictObjectResult Conflict(string detail) =>
        new(Problem(StatusCodes.Status409Conflict, "Conflict", detail));

    public static ObjectResult TooLarge(int maxBytes) =>
        new(Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"at most {maxBytes} bytes"))
        {
            StatusCode = StatusCodes.Status413PayloadTooLarge,
        };

    static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };
}
