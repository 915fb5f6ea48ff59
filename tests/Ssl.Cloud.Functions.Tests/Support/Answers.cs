using System.Text.Json;
using Microsoft.AspNetCore.Mvc;

namespace Ssl.Cloud.Functions.Tests.Support;

/// <summary>What a Function answered, read the way a client reads it.</summary>
public static class Answers
{
    public static int Status(IActionResult result) => result switch
    {
        ObjectResult o => o.StatusCode ?? 200,
        ContentResult c => c.StatusCode ?? 200,
        StatusCodeResult s => s.StatusCode,
        _ => throw new InvalidOperationException($"unexpected {result.GetType().Name}"),
    };

    /// <summary>The field names of a 400's <c>errors</c>.</summary>
    public static IReadOnlyCollection<string> InvalidFields(IActionResult result)
    {
        var problem = Assert.IsType<ValidationProblemDetails>(Assert.IsType<BadRequestObjectResult>(result).Value);
        return [.. problem.Errors.Keys];
    }

    /// <summary>A JSON document answer (status, manifest) as a DOM.</summary>
    public static JsonElement Document(IActionResult result) =>
        JsonDocument.Parse(Assert.IsType<ContentResult>(result).Content!).RootElement;

    public static T Value<T>(IActionResult result) =>
        Assert.IsType<T>(Assert.IsAssignableFrom<ObjectResult>(result).Value);
}
