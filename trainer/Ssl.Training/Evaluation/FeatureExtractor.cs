using Ssl.Training.Augmentations;
using Ssl.Training.Data;
using Ssl.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Evaluation;

/// <summary>Frozen-encoder features of a whole dataset, in eval mode under no_grad, without augmentation.</summary>
public static class FeatureExtractor
{
    /// <returns>float32 [N, D] on <paramref name="device"/>.</returns>
    public static Tensor Extract(nn.Module<Tensor, Tensor> encoder, ImageDataset data, Normalization normalization,
        Device device, int batchSize = 512)
    {
        var wasTraining = encoder.training;
        encoder.eval();
        try
        {
            using var noGrad = no_grad();
            var chunks = new List<Tensor>();
            for (var start = 0; start < data.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var n = Math.Min(batchSize, data.Count - start);
                var batch = data.Images.narrow(0, start, n).to(device).to(ScalarType.Float32).DivInPlace(255);
                chunks.Add(encoder.call(normalization.Apply(batch)).MoveToOuterDisposeScope());
            }
            var all = cat(chunks, 0);
            foreach (var c in chunks) c.Dispose();
            return all;
        }
        finally
        {
            encoder.train(wasTraining);
        }
    }
}
