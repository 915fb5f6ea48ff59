using System.CommandLine;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary><c>ssl bench</c>: throughput measurements that print a table (never used as pass/fail).</summary>
public static class BenchCommand
{
    public static Command Create() => new("bench", "Measure ingest and training-step throughput on this machine.")
    {
        BenchIngestCommand.Create(),
        BenchTrainCommand.Create(),
        BenchStreamCommand.Create(),
    };
}
