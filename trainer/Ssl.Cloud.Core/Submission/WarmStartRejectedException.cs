namespace Ssl.Cloud.Core.Submission;

/// <summary>The run a request warm-starts from is missing, unfinished or incompatible; <see cref="Field"/> names
/// the request field that differs (<c>warmStartRunId</c>, <c>method</c>, <c>encoder</c>,
/// <c>hyperParameters.width</c>).</summary>
public sealed class WarmStartRejectedException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
