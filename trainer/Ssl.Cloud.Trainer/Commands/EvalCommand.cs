using Ssl.Cloud.Trainer.Terminal;
using Ssl.Training.Evaluation;
using Ssl.Training.Export;
using Ssl.Training.Native;
using Ssl.Training.Runs;
using System.CommandLine;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary><c>ssl eval</c>: the probes of any checkpoint on a labelled dataset, next to a random encoder of the same
/// architecture and raw pixels.</summary>
public static class EvalCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint", "-c")
        {
            Description = "A training checkpoint or an exported encoder.safetensors.",
            Required = true,
        };
        var dataset = new Option<string>("--dataset", "-d")
        {
            Description = "builtin, fashion-mnist, or a folder (as for ssl train); needs labels.",
            DefaultValueFactory = _ => "builtin",
        };
        var trainLimit = new Option<int?>("--train-limit") { Description = "Use only the first N training images." };
        var knnK = new Option<int>("--knn-k")
        {
            Description = "Neighbours of the weighted kNN probe.",
            DefaultValueFactory = _ => 200,
        };
        var seed = new Option<long>("--seed")
        {
            Description = "Seed of the random-initialisation baseline and the linear probe.",
            DefaultValueFactory = _ => 0,
        };
        var device = new Option<string>("--device")
        {
            Description = "auto, cpu or cuda.",
            DefaultValueFactory = _ => "auto",
        };
        var command = new Command("eval",
            "Probe a checkpoint's frozen features (kNN and linear) against a random encoder and raw pixels.")
        {
            checkpoint, dataset, trainLimit, knnK, seed, device,
        };
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            await Task.Yield();
            var path = parse.GetValue(checkpoint)!;
            var dev = DeviceSelector.Resolve(parse.GetValue(device)!);
            using var encoder = EncoderFile.Load(path, out var architecture);
            using var data = DatasetLoader.Open(parse.GetValue(dataset)!, parse.GetValue(trainLimit), Console.Out);
            if (data.Train.Channels != architecture.InChannels)
                throw new InvalidDataException($"{path} is an encoder for {architecture.InChannels}-channel images; "
                    + $"'{data.Train.Name}' has {data.Train.Channels} channels.");
            encoder.to(dev);
            var settings =
                new ProbeSettings(parse.GetValue(knnK), 0.1, new LinearProbeRecipe { Seed = parse.GetValue(seed) });
            var normalization = Ssl.Training.Loop.Trainer.NormalizationOf(data.Train);
            var trained = EncoderEvaluator.ProbeEncoder(encoder, data, normalization, dev, settings);
            using var initial = SeededWeights.Build(parse.GetValue(seed), architecture.Create);
            initial.to(dev);
            var random = EncoderEvaluator.ProbeEncoder(initial, data, normalization, dev, settings);
            var raw = EncoderEvaluator.ProbeRawPixels(data, normalization, dev, settings);
            ReportSummary.PrintProbes(new ProbeReport(settings.KnnK, settings.KnnTemperature, settings.LinearRecipe,
                Math.Min(5, EncoderEvaluator.ClassCount(data)), data.Train.Count, data.Test.Count, trained, random,
                raw));
            return 0;
        }));
        return command;
    }
}
