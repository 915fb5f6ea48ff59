namespace Ssl.Cloud.Trainer.Worker;

/// <summary>The OpenTelemetry metrics exporter of <see cref="TelemetryOptions"/>.</summary>
public enum MetricsExporter
{
    None,
    Console,
    Otlp,
}
