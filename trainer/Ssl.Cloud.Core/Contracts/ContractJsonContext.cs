using System.Text.Json.Serialization;

namespace Ssl.Cloud.Core.Contracts;

/// <summary>Source-generated serialisers of the wire format: camelCase, nulls written, missing
/// required members and nulls in non-nullable members rejected, NaN allowed (a diverged loss).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(TrainingRequest))]
[JsonSerializable(typeof(RunStatus))]
[JsonSerializable(typeof(DatasetManifest))]
[JsonSerializable(typeof(CheckpointPointer))]
internal sealed partial class ContractJsonContext : JsonSerializerContext;
