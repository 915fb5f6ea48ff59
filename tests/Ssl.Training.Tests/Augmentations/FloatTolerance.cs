namespace Ssl.Training.Tests.Augmentations;

/// <summary>Element-wise float comparison for Assert.Equal on sequences.</summary>
internal sealed class FloatTolerance(float tolerance) : IEqualityComparer<float>
{
    public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;
    public int GetHashCode(float obj) => 0;
}
