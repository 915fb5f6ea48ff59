using System.Reflection;

namespace Ssl.Cloud.ApiHost;

/// <summary>A Function with a timer trigger and its NCRONTAB schedule (six fields, seconds first).</summary>
public sealed record TimerFunction(string Name, MethodInfo Method, string Schedule);
