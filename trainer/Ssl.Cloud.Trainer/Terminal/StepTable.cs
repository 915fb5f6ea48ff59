using System.Globalization;
using Ssl.Training.Loop;

namespace Ssl.Cloud.Trainer.Terminal;

/// <summary>Prints <c>ssl bench train</c>'s phases as a plain-text table.</summary>
public static class StepTable
{
    public static void Print(StepBenchmarkResult r, int warmupSteps, TextWriter output)
    {
        output.WriteLine($"Training step: {r.Method}, {r.Encoder} width {r.Width}, batch {r.BatchSize}, {r.Device}, "
            + $"{r.Steps} timed steps after {warmupSteps} warm-up");
        output.WriteLine($"{"phase",-18} {"ms/step",9} {"img/s",9} {"share",7} {"CPU ms/step",12} {"img/CPU-s",10}");
        Row(output, r, "augmentation", r.AugmentSeconds, r.AugmentCpuSeconds);
        Row(output, r, "forward", r.ForwardSeconds, r.ForwardCpuSeconds);
        Row(output, r, "backward + step", r.BackwardStepSeconds, r.BackwardStepCpuSeconds);
        Row(output, r, "whole step", r.TotalSeconds, r.TotalCpuSeconds);
    }

    static void Row(TextWriter output, StepBenchmarkResult r, string phase, double seconds, double cpuSeconds) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{phase,-18} {1000 * seconds / r.Steps,9:F1} {r.ImagesPerSecondOf(seconds),9:F0} "
            + $"{seconds / r.TotalSeconds,7:P0} {1000 * cpuSeconds / r.Steps,12:F1} "
            + $"{r.ImagesPerSecondOf(cpuSeconds),10:F0}"));
}
