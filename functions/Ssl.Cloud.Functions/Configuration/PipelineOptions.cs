using Ssl.Cloud.Core.Queue;
using Ssl.Cloud.Core.Storage;

namespace Ssl.Cloud.Functions.Configuration;

/// <summary>The app's settings (section <c>Pipeline</c>; app setting <c>Pipeline__MaxRequestBytes</c>, ...).</summary>
public sealed class PipelineOptions
{
    public const string Section = "Pipeline";

    public string QueueName { get; set; } = TrainingQueue.DefaultQueueName;

    /// <summary>The queue of pack requests (<c>ssl worker --queue pack</c>): a dataset that becomes Ready is sent
    /// there to be packed before its first run. Unset: no pack job; the first run packs the dataset.</summary>
    public string? PackQueueName { get; set; }
    public string RunsContainer { get; set; } = BlobLayout.RunsContainer;
    public string DatasetsContainer { get; set; } = BlobLayout.DatasetsContainer;
    public string SchedulesContainer { get; set; } = BlobLayout.SchedulesContainer;

    /// <summary>Largest JSON body an endpoint reads; larger ones get 413 before any parsing.</summary>
    public int MaxRequestBytes { get; set; } = 64 * 1024;

    /// <summary>How long a SAS link stays valid (DESIGN.md §3: minutes long).</summary>
    public TimeSpan SasLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Most upload links one <c>POST /api/datasets</c> hands out.</summary>
    public int MaxUploadFiles { get; set; } = 1000;

    /// <summary>Largest raw file a commit accepts.</summary>
    public long MaxFileBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Largest width x height a commit accepts, read from the header alone (pixel-bomb limit).</summary>
    public long MaxPixels { get; set; } = 64L * 1024 * 1024;

    /// <summary>Most raw files one commit validates.</summary>
    public int MaxCommitFiles { get; set; } = 200_000;

    /// <summary>Most entries a zip archive may have (checked from its central directory, before any entry is read).
    /// A larger dataset is uploaded as folders or as several archives.</summary>
    public int MaxZipEntries { get; set; } = 50_000;

    /// <summary>Largest sum of the declared uncompressed sizes of a zip's entries.</summary>
    public long MaxZipTotalBytes { get; set; } = 64L << 30;

    /// <summary>Largest uncompressed / compressed size of one zip entry. Images are compressed already (ratio near 1);
    /// deflate reaches about 1030 on zeros, which is what bombs are made of.</summary>
    public double MaxZipRatio { get; set; } = 200;

    /// <summary>How long a commit request validates before it answers; the validation timer goes on from there,
    /// so no request comes near Azure's HTTP limit of about 230 s.</summary>
    public TimeSpan CommitBudget { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long one validation tick holds the lease on a dataset's validation progress.</summary>
    public TimeSpan ValidationLease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How far back a schedule tick looks for due times. Longer than the timer period, so that a
    /// late or missed tick still submits; a due time seen twice submits once (same run id).</summary>
    public TimeSpan ScheduleLookback { get; set; } = TimeSpan.FromMinutes(10);
}
