namespace Ssl.Cloud.Core.Validation;

public sealed record ValidationResult(IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Errors.Count == 0;

    /// <summary>All errors on one line each, as a dead-letter reason or a log message.</summary>
    public override string ToString() =>
        IsValid ? "valid" : string.Join(Environment.NewLine, Errors.Select(e => $"{e.Field}: {e.Message}"));
}
