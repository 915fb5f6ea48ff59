namespace Ssl.Cloud.Trainer.Worker;

/// <summary>How <c>ssl worker</c> holds and trains a run; section <see cref="Section"/> (environment:
/// <c>Worker__GracePeriod</c>, ...).</summary>
public sealed class WorkerOptions
{
    public const string Section = "Worker";

    /// <summary>Names this worker in the run's attempt history; default host name and process id.</summary>
    public string WorkerId { get; set; } = $"{Environment.MachineName.ToLowerInvariant()}-{Environment.ProcessId}";

    /// <summary>Local run directories and downloaded datasets.</summary>
    public string WorkDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "ssl-worker");

    /// <summary>How long the SDK keeps renewing the message lock of one run: as long as any run may take.</summary>
    public TimeSpan MaxLockRenewal { get; set; } = TimeSpan.FromDays(2);

    /// <summary>The blob lease on the run, and on a dataset being packed (15 to 60 s; Azure's limits); renewed every
    /// third of it. A crashed worker's run or pack is taken over by the next one at most this long after the
    /// crash.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a packer that waits for another's pack of the same dataset looks whether it finished, or
    /// its lease expired.</summary>
    public TimeSpan PackWait { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a stopping worker (SIGTERM, host stop) has to checkpoint, upload, release and abandon.
    /// Becomes the host's shutdown timeout; keep it under the platform's grace period (Container Apps: 30 s by
    /// default).</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>How often progress and heartbeat are written to <c>status.json</c>, which also reads the cancel
    /// flag.</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a worker waits before giving back a message whose run another worker holds.</summary>
    public TimeSpan BusyBackoff { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>One message, then exit (<c>ssl worker --once</c>; a Container Apps Job execution): the message is
    /// taken to an end state and settled, or given back at <see cref="Deadline"/> or on SIGTERM. Otherwise the worker
    /// trains one message after another until stopped.</summary>
    public bool Once { get; set; }

    /// <summary>With <see cref="Once"/>: how long an empty queue is waited on before the worker exits 0.</summary>
    public TimeSpan ReceiveWait { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long after its start the worker stops as on SIGTERM: the running attempt checkpoints, uploads,
    /// gives the message back and the process exits 0, within <see cref="GracePeriod"/>; the next execution resumes
    /// the run. So <c>Deadline + GracePeriod</c>, plus the container's start-up, must end before the job's
    /// <c>replicaTimeout</c> (infra/app/trainer.bicep: 10 minutes under it). None by default.</summary>
    public TimeSpan? Deadline { get; set; }

    public const string TrainingQueue = "training";
    public const string PackQueue = "pack";

    /// <summary>What this worker receives: <see cref="TrainingQueue"/> runs (which pack a dataset themselves when it
    /// is not packed yet) or <see cref="PackQueue"/> requests.</summary>
    public string Queue { get; set; } = TrainingQueue;

    /// <summary>Blobs downloaded at once when a dataset is packed (its accepted raw files) or fetched (its
    /// shards).</summary>
    public int DownloadParallelism { get; set; } = 16;

    /// <summary>Bytes the whole training process may take, e.g. <c>24G</c>, as <c>ssl train --memory-budget</c>:
    /// the data get what the model's training step leaves (<see cref="Ssl.Training.Loop.ModelFootprint.DataShare"/>),
    /// and a larger dataset is streamed from its shards. Null: half of the memory available
    /// (<see cref="Ssl.Training.Data.MemoryBudget.Default"/>).</summary>
    public string? MemoryBudget { get; set; }

    /// <summary>Images per dataset download that are still accepted into a local folder (raw uploads).</summary>
    public int MaxRawFiles { get; set; } = 1_000_000;
}
