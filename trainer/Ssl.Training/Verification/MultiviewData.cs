using static TorchSharp.torch;

namespace Ssl.Training.Verification;

/// <summary>Samples of the two-view model: latents <c>Z</c> [N, dz], <c>C1</c>, <c>C2</c> [N, dc] and the
/// observations <c>X1 = g1([Z; C1])</c>, <c>X2 = g2([Z; C2])</c> [N, dz + dc], all float32, plus the maps
/// (the same object twice unless the mixing is view-specific). Owns all of them.</summary>
public sealed class MultiviewData(Tensor z, Tensor c1, Tensor c2, Tensor x1, Tensor x2, InvertibleMixing g1,
    InvertibleMixing g2) : IDisposable
{
    public Tensor Z { get; } = z;
    public Tensor C1 { get; } = c1;
    public Tensor C2 { get; } = c2;
    public Tensor X1 { get; } = x1;
    public Tensor X2 { get; } = x2;
    public InvertibleMixing G1 { get; } = g1;
    public InvertibleMixing G2 { get; } = g2;

    public int Count => (int)Z.shape[0];

    public void Dispose()
    {
        foreach (var t in new[] { Z, C1, C2, X1, X2 }) t.Dispose();
        G1.Dispose();
        if (!ReferenceEquals(G1, G2)) G2.Dispose();
    }
}
