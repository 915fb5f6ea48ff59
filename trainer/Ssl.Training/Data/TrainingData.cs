using Ssl.Training.Data.Packing;
using static TorchSharp.torch;

namespace Ssl.Training.Data;

/// <summary>What a training run reads: the batches the loop trains on and the labelled split the monitors and
/// probes evaluate on. A resident set evaluates on the whole split; a streamed one on a seeded sample of each split
/// (<see cref="EvaluationSample"/>), drawn through the stream, so the kNN bank and the linear probe's training set
/// are capped and memory stays within the budget.</summary>
public sealed class TrainingData : IDisposable
{
    /// <summary>Most images per split in a streamed set's evaluation sample (the kNN bank, the linear probe's
    /// training set, the normalisation statistics; the held-out images classified).</summary>
    public const int EvaluationSampleImages = 10_000;

    /// <summary>Share of the memory budget the two evaluation samples may take together; the stream gets the
    /// rest.</summary>
    public const int EvaluationShareDivisor = 4;

    readonly bool ownsEvaluation;

    TrainingData(TrainingBatches batches, DatasetSplit evaluation, int testCount, bool ownsEvaluation)
    {
        Batches = batches;
        Evaluation = evaluation;
        TestCount = testCount;
        this.ownsEvaluation = ownsEvaluation;
    }

    public TrainingBatches Batches { get; }

    /// <summary>The labelled split the monitors and probes use: all of it when resident, a sample when
    /// streamed.</summary>
    public DatasetSplit Evaluation { get; }

    public bool Streamed => Batches is StreamedBatches;
    public int TrainCount => Batches.Count;
    public int TestCount { get; }

    /// <summary>The least budget <see cref="Stream"/> works in: two of the largest train shards in flight (the
    /// window batches draw from), once the evaluation samples have taken their share.</summary>
    public static long MinimumStreamBytes(PackedDataset packed)
    {
        var shards = packed.Manifest.Train.Shards;
        var largest = shards.Count == 0 ? 0 : shards.Max(s => s.Count * (long)(packed.ImageBytes
            + (packed.Manifest.Labelled ? 8 : 0)));
        return 2 * largest * EvaluationShareDivisor / (EvaluationShareDivisor - 1);
    }

    /// <summary>The whole split, resident; <paramref name="owns"/> says whether disposing this disposes it.</summary>
    public static TrainingData Resident(DatasetSplit split, bool owns = true) =>
        new(new ResidentBatches(split.Train), split, split.Test.Count, owns);

    /// <summary>The train split streamed within <paramref name="memoryBudgetBytes"/>, which also pays for the
    /// evaluation samples (at most a quarter of it).</summary>
    public static TrainingData Stream(PackedDataset packed, long memoryBudgetBytes, long seed)
    {
        var m = packed.Manifest;
        var perSplit = memoryBudgetBytes / EvaluationShareDivisor / 2 / (packed.ImageBytes + (m.Labelled ? 8 : 0));
        var sampleSize = (int)Math.Min(EvaluationSampleImages, perSplit);
        if (sampleSize < 1)
            throw new DatasetException(
                $"{packed.Folder}: a memory budget of {memoryBudgetBytes} bytes cannot hold an evaluation sample");
        var streamBudget = memoryBudgetBytes - 2L * sampleSize * (packed.ImageBytes + (m.Labelled ? 8 : 0));
        var train = EvaluationSample(packed, streamBudget, seed, sampleSize, testSplit: false);
        try
        {
            var test = EvaluationSample(packed, streamBudget, seed, sampleSize, testSplit: true);
            var batches = new StreamedBatches(packed, streamBudget, train);
            return new(batches, new DatasetSplit(train, test), m.Test.Count, ownsEvaluation: true);
        }
        catch
        {
            train.Dispose();
            throw;
        }
    }

    /// <summary>The first <paramref name="count"/> images of one seeded pass over a split: a uniform sample, since
    /// the stream shuffles shards and samples.</summary>
    static ImageDataset EvaluationSample(PackedDataset packed, long budget, long seed, int count, bool testSplit)
    {
        var m = packed.Manifest;
        var stream = packed.Stream(new PackedStreamOptions
        {
            BatchSize = 1024, MemoryBudgetBytes = budget, TestSplit = testSplit, Seed = unchecked((int)seed) ^ 0x5A3D1E,
        });
        count = Math.Min(count, stream.Count);
        var images = empty([count, m.Channels, m.Resolution, m.Resolution], ScalarType.Byte);
        var labels = m.Labelled ? new long[count] : null;
        try
        {
            var filled = 0;
            foreach (var batch in stream.Epoch(0))
            {
                using (batch)
                {
                    var n = (int)Math.Min(batch.Images.shape[0], count - filled);
                    using (var target = images.narrow(0, filled, n))
                    using (var source = batch.Images.narrow(0, 0, n))
                        target.copy_(source);
                    if (labels is not null)
                        batch.Labels!.data<long>().ToArray().AsSpan(0, n).CopyTo(labels.AsSpan(filled));
                    filled += n;
                }
                if (filled == count) break;
            }
        }
        catch
        {
            images.Dispose();
            throw;
        }
        var name = $"{packed.Name}/{(testSplit ? "test" : "train")} (sample of {count})";
        return new ImageDataset(name, images, labels is null ? null : tensor(labels), m.ClassNames);
    }

    public void Dispose()
    {
        Batches.Dispose();
        if (ownsEvaluation) Evaluation.Dispose();
    }
}
