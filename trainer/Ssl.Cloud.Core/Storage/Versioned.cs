using Azure;

namespace Ssl.Cloud.Core.Storage;

/// <summary>A document as read, with the ETag to make the next write conditional on it.</summary>
public sealed record Versioned<T>(T Value, ETag ETag);
