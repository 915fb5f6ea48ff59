using System.Globalization;
using Ssl.Training.Methods;

namespace Ssl.Training.Verification;

/// <summary>How each method is sized for low-dimensional vector data: the papers' heads (2048-8192 wide, thousands
/// of prototypes) are built for ResNet features of images; on 8-dimensional inputs they only cost time. Every width
/// becomes <c>headWidth</c> (bottlenecks a quarter of it), prototypes a small multiple of it, and the multi-crop
/// methods get no local crops, since two views are all there is. The optimiser recipe stays the paper's, with the
/// warm-up capped at a tenth of the run. Anything here can be overridden per method.</summary>
public static class VectorRecipe
{
    public static Dictionary<string, string> Overrides(MethodDefinition method, int headWidth, int epochs)
    {
        var values = new Dictionary<string, double>();
        foreach (var h in method.HyperParameters)
        {
            double? v = h.Name switch
            {
                "projector-dim" or "projector-hidden-dim" or "head-hidden-dim" => headWidth,
                "predictor-dim" or "bottleneck-dim" => Math.Max(1, headWidth / 4),
                "prototypes" => Math.Max(2, headWidth / 2),
                "local-crops" or "queue-length" => 0,
                "teacher-temperature-warmup-epochs" => Math.Min(h.Default, epochs / 3),
                _ => null,
            };
            if (v is { } value) values[h.Name] = value;
        }
        return values.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(CultureInfo.InvariantCulture));
    }

    public static double WarmupEpochs(double recipe, int epochs) => Math.Min(recipe, epochs / 10.0);
}
