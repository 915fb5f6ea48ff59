namespace Ssl.Training.Data.Packing;

/// <summary>Result of <see cref="IngestBenchmark.Run"/>.</summary>
public sealed record IngestReport(IReadOnlyList<IngestMeasurement> Packing, StreamMeasurement Stream);
