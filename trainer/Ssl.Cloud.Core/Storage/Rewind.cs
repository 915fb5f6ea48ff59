namespace Ssl.Cloud.Core.Storage;

/// <summary>A retried whole operation must see its stream as the first try saw it.</summary>
internal static class Rewind
{
    /// <summary>Returns an action that puts a source stream back where it was now.</summary>
    public static Action Source(Stream stream, string parameter)
    {
        if (!stream.CanSeek || !stream.CanRead)
            throw new ArgumentException(
                "must be readable and seekable, so that a retried upload can start over", parameter);
        var start = stream.Position;
        return () => stream.Position = start;
    }

    /// <summary>Returns an action that truncates a destination stream back to where it was now.</summary>
    public static Action Destination(Stream stream, string parameter)
    {
        if (!stream.CanSeek || !stream.CanWrite)
            throw new ArgumentException(
                "must be writable and seekable, so that a retried download can start over", parameter);
        var start = stream.Position;
        return () =>
        {
            stream.SetLength(start);
            stream.Position = start;
        };
    }
}
