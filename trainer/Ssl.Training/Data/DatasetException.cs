namespace Ssl.Training.Data;

/// <summary>A dataset could not be opened or read. The message names the file or folder and what was wrong with
/// it.</summary>
public sealed class DatasetException : Exception
{
    public DatasetException(string message) : base(message) { }

    public DatasetException(string message, Exception inner) : base(message, inner) { }
}
