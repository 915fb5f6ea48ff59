using System.Text;

namespace Ssl.Training.Data;

/// <summary>Hashes that must not change between runs, machines or .NET versions (unlike string.GetHashCode).</summary>
internal static class StableHash
{
    /// <summary>64-bit FNV-1a over the UTF-8 bytes, then the SplitMix finaliser to spread the low bits.</summary>
    public static ulong Of(string text)
    {
        var h = 0xCBF29CE484222325UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
            h = (h ^ b) * 0x100000001B3UL;
        return SplitMix64.Mix((long)h);
    }

    /// <summary>True for about <paramref name="fraction"/> of all keys, always the same ones.</summary>
    public static bool InFraction(string key, double fraction) => Of(key) % 1_000_000 < fraction * 1_000_000;
}
