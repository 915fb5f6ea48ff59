using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ssl.Cloud.Core.Contracts;

/// <summary>Enums on the wire are camelCase strings (<c>"queued"</c>), like the property names.
/// A closed subclass per enum because attributes need a parameterless converter.</summary>
public sealed class CamelCaseEnumConverter<TEnum>()
    : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.CamelCase, allowIntegerValues: false)
    where TEnum : struct, Enum;
