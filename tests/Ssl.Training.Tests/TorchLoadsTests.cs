using static TorchSharp.torch;

namespace Ssl.Training.Tests;

public class TorchLoadsTests
{
    [Fact]
    public void Native_libtorch_loads_and_computes()
    {
        using var a = ones(2, 3);
        using var s = a.sum();
        Assert.Equal(6f, s.item<float>());
    }
}
