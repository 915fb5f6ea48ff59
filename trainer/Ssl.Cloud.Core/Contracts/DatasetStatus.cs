using System.Text.Json.Serialization;

namespace Ssl.Cloud.Core.Contracts;

[JsonConverter(typeof(CamelCaseEnumConverter<DatasetStatus>))]
public enum DatasetStatus
{
    /// <summary>Created; the user is uploading to <c>raw/</c>.</summary>
    Uploading,
    Validating,

    /// <summary>Validated; at least one accepted file. Runs may use it.</summary>
    Ready,

    /// <summary>Nothing usable; <see cref="DatasetManifest.StatusReason"/> says why.</summary>
    Rejected,
}
