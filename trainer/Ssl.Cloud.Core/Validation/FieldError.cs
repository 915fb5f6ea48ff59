namespace Ssl.Cloud.Core.Validation;

/// <summary>One problem with one field; <see cref="Field"/> is the JSON path in camelCase
/// (<c>epochs</c>, <c>hyperParameters.lr</c>, <c>schedule.schedule</c>).</summary>
public sealed record FieldError(string Field, string Message);
