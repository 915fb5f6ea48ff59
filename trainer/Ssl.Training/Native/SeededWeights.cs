using static TorchSharp.torch;

namespace Ssl.Training.Native;

/// <summary>Builds modules whose initial weights come from a seed. LibTorch's layer constructors (and
/// <c>nn.init</c>) draw from the default generator, which is process-global: a <c>manual_seed</c> on one thread
/// while another builds a model changes the other's weights. Every seeded build in the library goes through this
/// one lock, and nothing else in the library draws from the default generator (augmentations, data order and
/// probes use their own <see cref="Generator"/>), so a seed gives the same weights whatever runs beside it.
/// </summary>
public static class SeededWeights
{
    static readonly Lock Gate = new();

    /// <summary>Seeds the default generator with <paramref name="seed"/> and runs <paramref name="build"/>, with no
    /// other seeded build in between.</summary>
    public static T Build<T>(long seed, Func<T> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        lock (Gate)
        {
            manual_seed(seed);
            return build();
        }
    }
}
