using System.CommandLine;
using System.Globalization;
using Ssl.Cloud.Trainer.Terminal;
using Ssl.Training.Methods;
using Ssl.Training.Verification;
using TorchSharp;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary><c>ssl verify</c>: the identifiability check of Lyu et al. (ICLR 2022, Theorem 1) for every method, on
/// synthetic two-view data with a known shared and private part.</summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var d = new VerificationOptions();
        var methods = new Option<string[]>("--methods")
        {
            Description = $"Methods to verify, space- or comma-separated (default: all: "
                + $"{string.Join(", ", MethodRegistry.Names)}).",
            AllowMultipleArgumentsPerToken = true,
        };
        var dz = new Option<int>("--dz")
        {
            Description = "Dimension of the shared latent z.",
            DefaultValueFactory = _ => d.Data.SharedDim,
        };
        var dc = new Option<int>("--dc")
        {
            Description = "Dimension of each view's private latent c(q).",
            DefaultValueFactory = _ => d.Data.PrivateDim,
        };
        var samples = new Option<int>("--samples")
        {
            Description = "Generated samples: SSL training gets all but 2 x --probe-samples.",
            DefaultValueFactory = _ => d.Data.Samples,
        };
        var sharedDistribution = new Option<LatentDistribution>("--z-distribution")
        {
            Description = "Distribution of each coordinate of z.",
            DefaultValueFactory = _ => d.Data.Shared,
        };
        var privateDistribution = new Option<LatentDistribution>("--c-distribution")
        {
            Description = "Distribution of each coordinate of c(q).",
            DefaultValueFactory = _ => d.Data.Private,
        };
        var mixingLayers = new Option<int>("--mixing-layers")
        {
            Description = "Orthogonal + leaky-tanh layers of the random invertible map g.",
            DefaultValueFactory = _ => d.Data.MixingLayers,
        };
        var leakSlope = new Option<double>("--leak-slope")
        {
            Description = "a in tanh(u) + a u: smaller is more non-linear.",
            DefaultValueFactory = _ => d.Data.LeakSlope,
        };
        var viewSpecific = new Option<bool>("--view-specific-mixing")
        {
            Description = "A different random g per view (the methods' encoders are shared between views, so this is "
                + "harder for them).",
        };
        var epochs = new Option<int>("--epochs")
        {
            Description = "Passes over the training samples, per method.",
            DefaultValueFactory = _ => d.Epochs,
        };
        var batchSize = new Option<int>("--batch-size", "-b")
        {
            Description = "Samples per step (learning rates scale with batch/256).",
            DefaultValueFactory = _ => d.BatchSize,
        };
        var encoderWidth = new Option<int>("--encoder-width")
        {
            Description = "Hidden width of the MLP encoder.",
            DefaultValueFactory = _ => d.EncoderWidth,
        };
        var encoderLayers = new Option<int>("--encoder-layers")
        {
            Description = "Linear layers of the MLP encoder.",
            DefaultValueFactory = _ => d.EncoderLayers,
        };
        var featureDim = new Option<int?>("--feature-dim")
        {
            Description = "Width of the probed encoder features (default: dz, as in the theorem).",
        };
        var probeEmbedding = new Option<bool>("--probe-embedding")
        {
            Description = "Probe the embedding the loss aligns (projector or head output) instead of the backbone "
                + "features.",
        };
        var headWidth = new Option<int>("--head-width")
        {
            Description = "Width of projectors, predictors and heads on vector data.",
            DefaultValueFactory = _ => d.HeadWidth,
        };
        var set = new Option<string[]>("--set")
        {
            Description = "Override a method's hyper-parameter: --set byol:ema-base=0.996 (repeatable).",
        };
        var probeSamples = new Option<int>("--probe-samples")
        {
            Description = "Samples in each of the regression's fit and test splits.",
            DefaultValueFactory = _ => d.ProbeSamples,
        };
        var seed = new Option<long>("--seed")
        {
            Description = "Seed of the data, the maps, the weights and the data order.",
            DefaultValueFactory = _ => 0,
        };
        var threads = new Option<int>("--threads")
        {
            Description = "CPU threads of LibTorch. The tensors here are small, and one thread is several times faster "
                + "than many on a busy machine.",
            DefaultValueFactory = _ => 1,
        };
        var device = new Option<string>("--device")
        {
            Description = "auto, cpu or cuda.",
            DefaultValueFactory = _ => "auto",
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Directory for verify.json and verify.html (default: runs/verify-<timestamp>).",
        };
        device.AcceptOnlyFromAmong("auto", "cpu", "cuda");

        var command = new Command("verify",
            "Check Theorem 1 of Lyu et al. (ICLR 2022) for every method: trained on two views x(q) = g(q)(z, c(q)), "
            + "do the features recover the shared z and exclude the private c?")
        {
            methods, dz, dc, samples, sharedDistribution, privateDistribution, mixingLayers, leakSlope, viewSpecific,
            epochs, batchSize, encoderWidth, encoderLayers, featureDim, probeEmbedding, headWidth, set, probeSamples,
            seed, threads, device, output,
        };
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            await Task.Yield();
            var options = new VerificationOptions
            {
                Data = new MultiviewOptions
                {
                    SharedDim = parse.GetValue(dz), PrivateDim = parse.GetValue(dc), Samples = parse.GetValue(samples),
                    Shared = parse.GetValue(sharedDistribution), Private = parse.GetValue(privateDistribution),
                    MixingLayers = parse.GetValue(mixingLayers), LeakSlope = parse.GetValue(leakSlope),
                    ViewSpecificMixing = parse.GetValue(viewSpecific), Seed = parse.GetValue(seed),
                },
                Methods = (parse.GetValue(methods) ?? [])
                    .SelectMany(m =>
                        m.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    .ToList(),
                Epochs = parse.GetValue(epochs),
                BatchSize = parse.GetValue(batchSize),
                EncoderWidth = parse.GetValue(encoderWidth),
                EncoderLayers = parse.GetValue(encoderLayers),
                FeatureDim = parse.GetValue(featureDim),
                ProbeEmbedding = parse.GetValue(probeEmbedding),
                HeadWidth = parse.GetValue(headWidth),
                Set = ParseSet(parse.GetValue(set) ?? []),
                ProbeSamples = parse.GetValue(probeSamples),
                Seed = parse.GetValue(seed),
                Device = parse.GetValue(device)!,
            };
            options.Validate();
            foreach (var name in options.ResolvedMethods)
                VerificationRun.HyperParametersOf(MethodRegistry.Get(name), options);
            if (parse.GetValue(threads) < 1)
                throw new ArgumentException($"threads must be at least 1, got {parse.GetValue(threads)}.");
            torch.set_num_threads(parse.GetValue(threads));
            var outDir = parse.GetValue(output)
                ?? Path.Combine("runs",
                    $"verify-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");

            var report = VerificationRun.Execute(options,
                onRow: row => Console.WriteLine($"{row.Name}: {row.Verdict}"),
                onEpoch: (m, e, loss) =>
                {
                    if ((e + 1) % 10 == 0 || e + 1 == options.Epochs)
                        Console.WriteLine($"  {m} epoch {e + 1}/{options.Epochs} loss {loss:F4}");
                },
                cancellationToken: ct);
            var (json, html) = VerificationWriter.Write(report, outDir);
            VerificationSummary.Print(report);
            Console.WriteLine($"Report: {html}");
            Console.WriteLine($"        {json}");
            return 0;
        }));
        return command;
    }

    /// <summary>Parses <c>method:key=value</c> pairs into per-method overrides.</summary>
    public static Dictionary<string, Dictionary<string, string>> ParseSet(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, Dictionary<string, string>>();
        foreach (var pair in pairs)
        {
            var colon = pair.IndexOf(':');
            if (colon <= 0)
                throw new ArgumentException(
                    $"--set '{pair}': expected method:key=value, e.g. --set byol:ema-base=0.996.");
            var method = pair[..colon].Trim();
            foreach (var (k, v) in RunOptionSet.ParseSet([pair[(colon + 1)..]]))
            {
                if (!result.TryGetValue(method, out var values)) result[method] = values = new();
                values[k] = v;
            }
        }
        return result;
    }
}
