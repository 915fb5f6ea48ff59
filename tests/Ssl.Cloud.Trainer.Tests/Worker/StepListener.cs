using System.Diagnostics.Metrics;
using Ssl.Cloud.Trainer.Worker;

namespace Ssl.Cloud.Trainer.Tests.Worker;

/// <summary>The <c>ssl.worker.steps</c> measurements of one run by the workers in this process. The meter calls back
/// on the training thread as each step is recorded, before the trainer looks at its cancellation token again: what
/// <see cref="AfterStep"/> does there, the trainer sees at its next step boundary.</summary>
sealed class StepListener : IDisposable
{
    readonly MeterListener listener = new();
    int count;

    public StepListener(string runId)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == WorkerMetrics.MeterName && instrument.Name == "ssl.worker.steps")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key != "run.id" || (string?)tag.Value != runId) continue;
                var steps = Interlocked.Add(ref count, (int)value);
                AfterStep?.Invoke(steps);
            }
        });
        listener.Start();
    }

    /// <summary>Steps of the run trained in this process so far.</summary>
    public int Count => Volatile.Read(ref count);

    /// <summary>Called on the training thread with the running count after each step.</summary>
    public Action<int>? AfterStep { get; set; }

    public void Dispose() => listener.Dispose();
}
