namespace Ssl.Cloud.Functions.Datasets;

/// <summary>The dataset's state (or its stored train spec) forbids the call; the message names it (409).</summary>
public sealed class DatasetStateException(string message) : Exception(message);
