using Ssl.Training.Native;
using static TorchSharp.torch;

namespace Ssl.Training.Augmentations;

/// <summary>Per-sample random numbers from an explicit generator. They are drawn on the generator's device
/// (PyTorch requires the two to match) and then moved to the images' device, so a CPU generator can drive
/// CUDA images and runs are reproducible from the seed alone.</summary>
internal static class RandomDraw
{
    /// <summary>float32 uniform on [low, high), shape <paramref name="shape"/>, on <paramref name="device"/>.</summary>
    public static Tensor Uniform(Generator generator, long[] shape, double low, double high, Device device)
    {
        using var u = rand(shape, generator: generator, device: generator.device);
        using var spread = u.Mul(high - low);
        using var scaled = spread.Add(low);
        return scaled.to(device);
    }

    public static Tensor Uniform(Generator generator, long batch, double low, double high, Device device) =>
        Uniform(generator, [batch], low, high, device);

    /// <summary>bool [batch]: true with probability <paramref name="p"/>, independently per sample.</summary>
    public static Tensor Mask(Generator generator, long batch, double p, Device device)
    {
        using var u = rand([batch], generator: generator, device: generator.device);
        using var m = u.Lt(p);
        return m.to(device);
    }

    /// <summary>One random permutation of 0..n-1 per sample ([batch][n], the argsort of uniform draws), read back
    /// to the host in one small transfer per batch.</summary>
    public static long[][] Permutations(Generator generator, long batch, int n)
    {
        using var u = rand([batch, n], generator: generator, device: generator.device);
        using var p = u.argsort(1);
        using var cpu = p.cpu();
        var flat = cpu.data<long>().ToArray();
        return [.. Enumerable.Range(0, (int)batch).Select(i => flat[(i * n)..((i + 1) * n)])];
    }
}
