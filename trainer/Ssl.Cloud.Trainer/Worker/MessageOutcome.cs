namespace Ssl.Cloud.Trainer.Worker;

/// <summary>What the worker did with one training message.</summary>
public enum MessageOutcome
{
    /// <summary>Trained to the end (or failed with a diagnosis, or was cancelled): completed.</summary>
    Completed,

    /// <summary>The run had finished before: completed without training.</summary>
    AlreadyFinished,

    /// <summary>Another worker holds the run: given back after a back-off.</summary>
    Busy,

    /// <summary>The worker is stopping, or lost the run: given back for another delivery.</summary>
    Abandoned,

    /// <summary>The request cannot be trained: dead-lettered with the reason, run Failed.</summary>
    DeadLettered,
}
