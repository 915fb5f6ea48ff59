namespace Ssl.Training.Data;

/// <summary>Small, fast, seedable generator (Steele et al., "Fast splittable pseudorandom number generators", 2014).
/// One per generated image, so parallel generation is deterministic whatever the thread schedule.</summary>
internal struct SplitMix64(ulong seed)
{
    ulong state = seed;

    public ulong NextULong()
    {
        return Finalise(state += 0x9E3779B97F4A7C15UL);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public float NextFloat() => (NextULong() >> 40) * (1f / (1 << 24));

    /// <summary>Uniform in [lo, hi).</summary>
    public float Uniform(float lo, float hi) => lo + (hi - lo) * NextFloat();

    /// <summary>Hash of a tuple (seed, split, index, ...): each part goes through the SplitMix finaliser, a bijection,
    /// so nearby tuples give unrelated streams (a plain XOR of the parts into one state made train and test
    /// collide).</summary>
    public static ulong Mix(params ReadOnlySpan<long> parts)
    {
        var h = 0x5EED5EED5EED5EEDUL;
        foreach (var p in parts)
            h = Finalise(h ^ Finalise((ulong)p + 0x9E3779B97F4A7C15UL));
        return h;
    }

    static ulong Finalise(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
