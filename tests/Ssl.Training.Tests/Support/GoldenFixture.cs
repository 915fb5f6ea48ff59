using System.Text.Json;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Support;

/// <summary>A loss fixture from tests/golden/make_golden.py: float64 inputs, parameters and expected outputs.</summary>
sealed class GoldenFixture
{
    readonly JsonElement root;

    GoldenFixture(JsonElement root) => this.root = root;

    public static GoldenFixture Load(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Golden", name + ".json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return new GoldenFixture(doc.RootElement.Clone());
    }

    public Tensor Input(string name) => ToTensor(root.GetProperty("inputs").GetProperty(name));

    public Tensor Expected(string name) => ToTensor(root.GetProperty("expected").GetProperty(name));

    public double Parameter(string name) => root.GetProperty("parameters").GetProperty(name).GetDouble();

    static Tensor ToTensor(JsonElement e)
    {
        var shape = e.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()).ToArray();
        var data = e.GetProperty("data").EnumerateArray().Select(x => x.GetDouble()).ToArray();
        return tensor(data, ScalarType.Float64).reshape(shape);
    }

    /// <summary>Asserts that <paramref name="actual"/> equals the expected tensor <paramref name="name"/> to
    /// 1e-6.</summary>
    public void AssertClose(string name, Tensor actual, double tolerance = 1e-6)
    {
        using var expected = Expected(name);
        Assert.Equal(expected.shape, actual.shape);
        using var diff = (actual.to(ScalarType.Float64) - expected).abs().max();
        Assert.True(diff.item<double>() <= tolerance,
            $"{name}: max |actual - expected| = {diff.item<double>():G3} > {tolerance:G3}");
    }
}
