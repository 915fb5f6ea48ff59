namespace Ssl.Cloud.Trainer.Worker;

/// <summary>Where the worker's OpenTelemetry metrics go; section <see cref="Section"/>. Off by default.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    public MetricsExporter Exporter { get; set; } = MetricsExporter.None;

    /// <summary>The OTLP collector for <see cref="MetricsExporter.Otlp"/>; null uses the exporter's default
    /// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c> or localhost:4317).</summary>
    public Uri? OtlpEndpoint { get; set; }

    public TimeSpan ExportInterval { get; set; } = TimeSpan.FromSeconds(15);
}
