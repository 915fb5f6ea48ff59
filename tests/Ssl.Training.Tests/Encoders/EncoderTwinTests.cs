using Ssl.Training.Encoders;

namespace Ssl.Training.Tests.Encoders;

public class EncoderTwinTests
{
    public static IEnumerable<object[]> Architectures => EncoderOptions.Architectures.Select(a => new object[] { a });

    [Theory]
    [MemberData(nameof(Architectures))]
    public void Every_architecture_makes_a_twin_with_the_same_tensor_names_and_shapes(string architecture)
    {
        using var encoder = new EncoderOptions { Architecture = architecture, InChannels = 1, Width = 4 }.Create();
        using var twin = encoder.Twin();
        Assert.IsType(encoder.GetType(), twin);
        var a = encoder.state_dict();
        var b = twin.state_dict();
        Assert.Equal(a.Keys, b.Keys);
        Assert.All(a, kv => Assert.Equal(kv.Value.shape, b[kv.Key].shape));
        Assert.Equal(encoder.FeatureDim, twin.FeatureDim);
    }
}
