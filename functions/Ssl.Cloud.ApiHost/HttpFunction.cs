using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Ssl.Cloud.ApiHost;

/// <summary>A Function with an HTTP trigger, as its attributes declare it.</summary>
public sealed record HttpFunction(
    string Name, MethodInfo Method, string Route, string[] HttpMethods, AuthorizationLevel Level);
