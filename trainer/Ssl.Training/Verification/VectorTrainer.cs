using Ssl.Training.Loop;
using Ssl.Training.Methods;
using Ssl.Training.Optimization;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Verification;

/// <summary>Trains an SSL method on two given views of vector data: no augmentation, the i-th rows of
/// <c>first</c> and <c>second</c> are a positive pair. Uses the image trainer's <see cref="TrainingStep"/>,
/// <see cref="Optimization.Optimizer"/> and <see cref="LearningRateSchedule"/> (warm-up + cosine, linear batch
/// scaling), so each method trains as it would on images, minus checkpoints. One dispose scope per step;
/// a seeded permutation per epoch.</summary>
public static class VectorTrainer
{
    /// <summary>Trains <paramref name="method"/> in place and returns the mean loss of each epoch.</summary>
    public static IReadOnlyList<double> Train(SslMethod method, OptimizerSettings settings, Tensor first, Tensor second,
        int epochs, int batchSize, long seed, Action<int, double>? onEpoch = null)
    {
        var count = (int)first.shape[0];
        var stepsPerEpoch = count / batchSize;
        if (stepsPerEpoch == 0)
            throw new ArgumentException($"batch-size {batchSize} is larger than the {count} training samples.");
        var device = method.parameters().First().device;
        method.train();
        using var optimizer = Optimization.Optimizer.Create(method.ParameterGroups(), settings);
        var training = new TrainingStep(method, optimizer);
        var totalSteps = (long)stepsPerEpoch * epochs;
        var baseRate = settings.ScaledLearningRate(batchSize);
        var schedule = new LearningRateSchedule(baseRate, (long)Math.Round(settings.WarmupEpochs * stepsPerEpoch),
            totalSteps);
        using var x1 = first.to(device);
        using var x2 = second.to(device);

        var losses = new List<double>();
        long globalStep = 0;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            using var order = EpochOrder(seed, epoch, count, device);
            double sum = 0;
            for (var step = 0; step < stepsPerEpoch; step++)
            {
                using var scope = NewDisposeScope();
                var rows = order.narrow(0, (long)step * batchSize, batchSize);
                var views = new Views(x1.index_select(0, rows), x2.index_select(0, rows));
                var context = new StepContext(epoch, globalStep, totalSteps);
                sum += training.Run(views, context, schedule.At(globalStep), baseRate, step);
                globalStep++;
            }
            losses.Add(sum / stepsPerEpoch);
            onEpoch?.Invoke(epoch, sum / stepsPerEpoch);
        }
        return losses;
    }

    static Tensor EpochOrder(long seed, int epoch, int count, Device device)
    {
        using var rng = new Generator((ulong)(seed * 1_000_003 + epoch + 17));
        using var perm = randperm(count, generator: rng);
        return perm.to(device);
    }
}
