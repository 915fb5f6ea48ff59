using Ssl.Training.Encoders;
using Ssl.Training.Methods;
using Ssl.Training.Native;
using Ssl.Training.Runs;
using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Verification;

/// <summary>The identifiability check of DESIGN §6: draws two-view data x(q) = g(q)([z; c(q)]), trains each method's
/// MLP encoder on the first part, then regresses z and c(q) from the frozen features on two further, disjoint parts
/// (fit, test) and compares the held-out R^2 with Theorem 1 of Lyu et al. (ICLR 2022). The untrained encoder and the
/// raw input x are probed the same way as controls.</summary>
public static class VerificationRun
{
    public const string RandomEncoder = "random encoder";
    public const string RawInput = "raw x";

    public static VerificationReport Execute(VerificationOptions options, Action<VerificationRow>? onRow = null,
        Action<string, int, double>? onEpoch = null, CancellationToken cancellationToken = default)
    {
        options.Validate();
        var clock = Stopwatch.StartNew();
        var device = DeviceSelector.Resolve(options.Device);
        using var data = MultiviewGenerator.Generate(options.Data);
        var (train, fit, test) = (options.TrainCount, options.ProbeSamples, options.ProbeSamples);
        using var split = new ProbeSplit(data, train, fit, test);
        var rows = new List<VerificationRow>();
        void Add(VerificationRow row) { rows.Add(row); onRow?.Invoke(row); }

        using (var initial = NewEncoder(options))
        {
            initial.to(device).eval();
            var (z, c) = split.Probe(initial.call, device);
            Add(Control(RandomEncoder, z, c));
        }
        var (rawZ, rawC) = split.Probe(null, device);
        Add(Control(RawInput, rawZ, rawC));

        foreach (var name in options.ResolvedMethods)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Add(TrainAndProbe(MethodRegistry.Get(name), options, split, device, onEpoch));
        }
        return new VerificationReport
        {
            Options = options,
            Device = device.ToString(),
            TrainCount = train,
            ProbeFitCount = fit,
            ProbeTestCount = test,
            Rows = rows,
            Seconds = clock.Elapsed.TotalSeconds,
            FinishedAt = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>The backbone every method starts from: the same seeded weights each time, so the random-encoder
    /// control is exactly the trained encoders' initialisation.</summary>
    public static MlpEncoder NewEncoder(VerificationOptions options)
    {
        return SeededWeights.Build(options.Seed, () => new MlpEncoder(options.Data.InputDim, options.EncoderWidth,
            options.ResolvedFeatureDim, options.EncoderLayers));
    }

    public static HyperParameters HyperParametersOf(MethodDefinition definition, VerificationOptions options)
    {
        var set = VectorRecipe.Overrides(definition, options.HeadWidth, options.Epochs);
        if (options.Set.TryGetValue(definition.Name, out var user))
            foreach (var (k, v) in user) set[k] = v;
        return HyperParameters.Resolve(definition.Name, definition.HyperParameters, set);
    }

    static VerificationRow TrainAndProbe(MethodDefinition definition, VerificationOptions options, ProbeSplit split,
        Device device, Action<string, int, double>? onEpoch)
    {
        var hp = HyperParametersOf(definition, options);
        var settings = definition.Optimizer with
        {
            WarmupEpochs = VectorRecipe.WarmupEpochs(definition.Optimizer.WarmupEpochs, options.Epochs)
        };
        using var method = definition.Create(NewEncoder(options), hp);
        method.to(device);
        var clock = Stopwatch.StartNew();
        var row = new VerificationRow
        {
            Name = definition.Name, IsControl = false, Reference = definition.Reference, HyperParameters = hp.Values,
            SharedR2 = double.NaN, PrivateR2 = double.NaN, Agreement = TheoremAgreement.Diverged, Verdict = "",
        };
        IReadOnlyList<double> losses;
        try
        {
            losses = VectorTrainer.Train(method, settings, split.TrainFirst, split.TrainSecond, options.Epochs,
                options.BatchSize,
                options.Seed, (e, loss) => onEpoch?.Invoke(definition.Name, e, loss));
        }
        catch (TrainingDivergedException e)
        {
            return row with
            {
                Verdict = $"could not be checked: {e.Message}", TrainingSeconds = clock.Elapsed.TotalSeconds
            };
        }
        var seconds = clock.Elapsed.TotalSeconds;
        method.eval();
        var (z, c) = split.Probe(options.ProbeEmbedding ? AlignedEmbedding.Of(method) : method.Backbone.call, device);
        var (agreement, words) = TheoremVerdict.Judge(z, c, options.SharedThreshold, options.PrivateThreshold);
        return row with
        {
            SharedR2 = z, PrivateR2 = c, Agreement = agreement, Verdict = words, EpochLosses = losses,
            TrainingSeconds = seconds
        };
    }

    static VerificationRow Control(string name, double z, double c) => new()
    {
        Name = name, IsControl = true, SharedR2 = z, PrivateR2 = c, Agreement = TheoremAgreement.NotApplicable,
        Verdict = TheoremVerdict.Control(name, z, c),
    };
}
