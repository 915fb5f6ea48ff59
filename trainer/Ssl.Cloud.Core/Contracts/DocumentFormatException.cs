namespace Ssl.Cloud.Core.Contracts;

/// <summary>A document (a blob, a message body, a request body) is not valid JSON of its contract.
/// The message names the document so that the reader of a log knows which one.</summary>
public class DocumentFormatException : Exception
{
    public DocumentFormatException(string document, string message, Exception? inner = null)
        : base($"{document}: {message}", inner) => Document = document;

    /// <summary>What was read: a blob path such as <c>runs/r-1/status.json</c>, or <c>message 'r-1'</c>.</summary>
    public string Document { get; }
}
