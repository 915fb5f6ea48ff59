namespace Ssl.Cloud.Core.Validation;

public sealed class RequestValidationException(ValidationResult result)
    : Exception("Invalid training request:" + Environment.NewLine + result)
{
    public IReadOnlyList<FieldError> Errors { get; } = result.Errors;
}
