using System.CommandLine;
using Ssl.Cloud.Trainer.Terminal;
using Ssl.Training.Encoders;
using Ssl.Training.Loop;
using Ssl.Training.Methods;
using Ssl.Training.Runs;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary><c>ssl bench train</c>: images/s of the training step on built-in data, split into augmentation,
/// forward, and backward + optimiser step. The command for measuring speed work.</summary>
public static class BenchTrainCommand
{
    public static Command Create()
    {
        var method = new Option<string>("--method", "-m")
        {
            Description = $"SSL method: {string.Join(", ", MethodRegistry.Names)}.",
            DefaultValueFactory = _ => "simsiam",
        };
        var encoder = new Option<string>("--encoder", "-e")
        {
            Description = "Backbone: convnet or resnet18.",
            DefaultValueFactory = _ => "convnet",
        };
        var width = new Option<int>("--width")
        {
            Description = "Channels of the encoder's first stage.",
            DefaultValueFactory = _ => 32,
        };
        var stem = new Option<ResNetStem>("--stem")
        {
            Description = "ResNet stem: Cifar or ImageNet.",
            DefaultValueFactory = _ => ResNetStem.Cifar,
        };
        var batchSize = new Option<int>("--batch-size", "-b")
        {
            Description = "Images per step.",
            DefaultValueFactory = _ => 256,
        };
        var steps = new Option<int>("--steps") { Description = "Timed steps.", DefaultValueFactory = _ => 20 };
        var warmup = new Option<int>("--warmup-steps")
        {
            Description = "Untimed steps first (allocator, kernels).",
            DefaultValueFactory = _ => 2,
        };
        var set = new Option<string[]>("--set")
        {
            Description = "Override a method hyper-parameter, e.g. --set projector-dim=512 (repeatable).",
        };
        var device = new Option<string>("--device")
        {
            Description = "auto, cpu or cuda.",
            DefaultValueFactory = _ => "auto",
        };
        var threads = BenchOptions.Threads();
        method.AcceptOnlyFromAmong([.. MethodRegistry.Names]);
        encoder.AcceptOnlyFromAmong([.. EncoderOptions.Architectures]);
        device.AcceptOnlyFromAmong("auto", "cpu", "cuda");
        OptionRules.AtLeast(width, 1);
        OptionRules.AtLeast(batchSize, 2);
        OptionRules.AtLeast(steps, 1);
        OptionRules.AtLeast(warmup, 0);
        var command = new Command("train",
            "Training-step images/s on built-in 32x32 data: augmentation vs forward vs backward + step.")
        {
            method, encoder, width, stem, batchSize, steps, warmup, set, device, threads,
        };
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            await Task.Yield();
            var options = new TrainingOptions
            {
                Method = parse.GetValue(method)!,
                Encoder = new EncoderOptions
                {
                    Architecture = parse.GetValue(encoder)!, Width = parse.GetValue(width), Stem = parse.GetValue(stem),
                },
                BatchSize = parse.GetValue(batchSize),
                Set = RunOptionSet.ParseSet(parse.GetValue(set) ?? []),
                Device = parse.GetValue(device)!,
            };
            var definition = MethodRegistry.Get(options.Method);
            HyperParameters.Resolve(definition.Name, definition.HyperParameters, options.Set);
            BenchOptions.ApplyThreads(parse.GetValue(threads));
            Console.WriteLine(MachineLoad.Describe());
            StepTable.Print(StepBenchmark.Run(options, parse.GetValue(steps), parse.GetValue(warmup)),
                parse.GetValue(warmup), Console.Out);
            return 0;
        }));
        return command;
    }
}
