namespace Ssl.Cloud.Trainer.Tests.Container;

/// <summary>A test that needs podman: skipped, saying why, only where podman is not installed (CI installs it:
/// tests/run-all.sh).</summary>
public sealed class PodmanFactAttribute : FactAttribute
{
    public PodmanFactAttribute()
    {
        if (!Podman.IsInstalled)
            Skip = "podman is not installed (apt-get install podman runc debootstrap; tests/run-all.sh does), "
                + $"so the trainer image {Podman.TrainerImage} cannot be run";
    }
}
