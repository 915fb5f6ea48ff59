using Ssl.Training.Encoders;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Encoders;

public class ChannelsLastTests
{
    public static IEnumerable<object[]> Architectures => EncoderOptions.Architectures.Select(a => new object[] { a });

    [Fact]
    public void The_copy_keeps_shape_and_values_with_channels_varying_fastest()
    {
        using var x = arange(2 * 3 * 4 * 5, ScalarType.Float32).reshape(2, 3, 4, 5);
        Assert.False(ChannelsLast.Has(x));
        using var y = ChannelsLast.Of(x);
        Assert.True(ChannelsLast.Has(y));
        Assert.Equal(x.shape, y.shape);
        Assert.Equal(new long[] { 60, 1, 15, 3 }, y.stride());
        Assert.True(x.Equals(y));
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void An_encoder_with_channels_last_gives_the_same_features_and_gradients_to_float_rounding(
        string architecture)
    {
        manual_seed(5);
        var options = new EncoderOptions { Architecture = architecture, Width = 4 };
        using var plain = options.Create();
        using var nhwc = (options with { ChannelsLast = true }).Create();
        nhwc.load_state_dict(plain.state_dict());
        using var x = randn(6, 3, 16, 16);
        using var a = plain.call(x);
        using var b = nhwc.call(x);
        Assert.True(a.allclose(b, rtol: 1e-4, atol: 1e-5));
        a.square().sum().backward();
        b.square().sum().backward();
        var ga = plain.parameters().First().grad!;
        var gb = nhwc.parameters().First().grad!;
        Assert.True(ga.allclose(gb, rtol: 1e-3, atol: 1e-4));
    }

    [Theory]
    [MemberData(nameof(Architectures))]
    public void A_twin_keeps_the_memory_format(string architecture)
    {
        using var encoder = new EncoderOptions { Architecture = architecture, Width = 4, ChannelsLast = true }.Create();
        using var twin = encoder.Twin();
        var seen = new List<bool>(); // the input is disposed with the forward's scope: record its format there
        twin.modules().OfType<TorchSharp.Modules.Conv2d>().First()
            .register_forward_pre_hook((_, input) => { seen.Add(ChannelsLast.Has(input)); return input; });
        using var x = randn(2, 3, 16, 16);
        using var y = twin.call(x);
        Assert.True(Assert.Single(seen));
    }
}
