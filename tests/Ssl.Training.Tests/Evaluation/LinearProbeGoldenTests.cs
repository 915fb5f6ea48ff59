using System.Text.Json;
using Ssl.Training.Evaluation;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Evaluation;

/// <summary>The linear probe against scikit-learn's LogisticRegression fitted to the same objective on the same
/// features (tests/golden/make_linear_probe_golden.py), in the regime of raw pixels: more dimensions than
/// training
/// samples. Our probe is a mini-batch SGD fit of that convex objective, so its held-out accuracy should match the
/// exact optimum's within a few test samples.</summary>
public class LinearProbeGoldenTests
{
    /// <summary>Held-out accuracy may differ from scikit-learn's by this much (12 of 400 test samples).</summary>
    const double Tolerance = 0.03;

    public static IEnumerable<object[]> Cases =>
        Load().Select(c => new object[] { c.GetProperty("name").GetString()! });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Held_out_accuracy_matches_scikit_learn_on_the_same_features(string name)
    {
        var c = Load().Single(c => c.GetProperty("name").GetString() == name);
        int Int(string p) => c.GetProperty(p).GetInt32();
        double Number(string p) => c.GetProperty(p).GetDouble();
        var (classes, trainCount, testCount) = (Int("classes"), Int("trainCount"), Int("testCount"));
        using var scope = NewDisposeScope();
        var (x, y) = Features((ulong)c.GetProperty("seed").GetInt64(), classes, Int("dims"), Int("informative"),
            (float)Number("signal"), trainCount + testCount);
        var recipe = new LinearProbeRecipe { WeightDecay = Number("weightDecay") };
        var (top1, _) = LinearProbe.Evaluate(x.narrow(0, 0, trainCount), y.narrow(0, 0, trainCount),
            x.narrow(0, trainCount, testCount), y.narrow(0, trainCount, testCount), classes, recipe);
        Assert.InRange(top1, Number("testAccuracy") - Tolerance, Number("testAccuracy") + Tolerance);
    }

    /// <summary>The script's features, bit for bit: a SplitMix64 stream draws the class sign patterns, then
    /// uniform [-1, 1) noise row by row; the first <paramref name="informative"/> dimensions get +-signal.</summary>
    static (Tensor X, Tensor Y) Features(ulong seed, int classes, int dims, int informative, float signal, int n)
    {
        var state = seed;
        ulong Next()
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
        var pattern = new float[classes, informative];
        for (var k = 0; k < classes; k++)
            for (var j = 0; j < informative; j++) pattern[k, j] = Next() >> 63 != 0 ? 1f : -1f;
        var x = new float[n * dims];
        var y = new long[n];
        for (var i = 0; i < n; i++)
        {
            y[i] = i % classes;
            for (var j = 0; j < dims; j++)
                x[i * dims + j] = (float)((Next() >> 40) / (double)(1 << 24) * 2 - 1)
                    + (j < informative ? signal * pattern[y[i], j] : 0f);
        }
        return (tensor(x, [n, dims]), tensor(y));
    }

    static List<JsonElement> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Golden", "linear_probe.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.GetProperty("cases").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
