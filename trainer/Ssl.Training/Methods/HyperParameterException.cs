namespace Ssl.Training.Methods;

/// <summary>A method or hyper-parameter given by the user is unknown or out of range.</summary>
public sealed class HyperParameterException(string message) : ArgumentException(message);
