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

    public static BadRequestObjectResult Invalid(string field, string message) =>
        Invalid([new FieldError(field, message)]);

    /// <summary>400 naming <paramref name="field"/> when <paramref name="id"/> breaks <see cref="Identifier.Rule"/>;
    /// null when it keeps it. Every id taken from a route or a body is checked here.</summary>
    public static BadRequestObjectResult? InvalidId(string id, string field = "id") =>
        Identifier.IsValid(id) ? null : Invalid(field, $"'{id}' must be {Identifier.Rule}");

    /// <summary>404 for a <paramref name="kind"/> (dataset, run, schedule) that is not there.</summary>
    public static NotFoundObjectResult Missing(string kind, string name, string? field = null) =>
        NotFound($"{kind} '{name}' does not exist", field);

    /// <param name="detail">Names the missing thing.</param>
    /// <param name="field">The request field that named it, when there is one (listed under <c>errors</c>).</param>
    public static NotFoundObjectResult NotFound(string detail, string? field = null) =>
        new(Problem(StatusCodes.Status404NotFound, "Not found", detail, field));

    /// <param name="detail">Names the state that forbids the call.</param>
    /// <param name="field">The request field concerned, when there is one.</param>
    public static ConflictObjectResult Conflict(string detail, string? field = null) =>
        new(Problem(StatusCodes.Status409Conflict, "Conflict", detail, field));

    /// <summary>422: the request is well formed but names something it cannot use (a warm-start source).</summary>
    public static UnprocessableEntityObjectResult Unprocessable(string field, string message) =>
        new(Problem(StatusCodes.Status422UnprocessableEntity, "Unprocessable request", message, field));

    public static ObjectResult TooLarge(int maxBytes) =>
        new(Problem(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"at most {maxBytes} bytes"))
        {
            StatusCode = StatusCodes.Status413PayloadTooLarge,
        };

    static ProblemDetails Problem(int status, string title, string detail, string? field = null) => field is null
        ? new ProblemDetails { Status = status, Title = title, Detail = detail }
        : new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail] })
        {
            Status = status, Title = title, Detail = detail,
        };
}
