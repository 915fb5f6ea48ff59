using System.CommandLine;
using Ssl.Training.Augmentations;
using Ssl.Training.Data;
using Ssl.Training.Evaluation;
using Ssl.Training.Export;
using Ssl.Training.Runs;
using TorchSharp;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary><c>ssl embed</c>: backbone features of image files, written as safetensors or .npy.</summary>
public static class EmbedCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint", "-c")
        {
            Description = "A training checkpoint or an exported encoder.safetensors.",
            Required = true,
        };
        var input = new Option<string>("--input", "-i")
        {
            Description = "An image file, or a folder whose image files (recursively) are embedded in path order.",
            Required = true,
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "embeddings.safetensors (tensor 'embeddings', file list in metadata) or embeddings.npy.",
            Required = true,
        };
        var resolution = new Option<int>("--resolution")
        {
            Description = "Side the images are resized (shorter side) and centre-cropped to; use the training "
                + "resolution.",
            DefaultValueFactory = _ => 32,
        };
        var device = new Option<string>("--device")
        {
            Description = "auto, cpu or cuda.",
            DefaultValueFactory = _ => "auto",
        };
        var command = new Command("embed", "Compute the trained backbone's features of images.")
        {
            checkpoint, input, output, resolution, device
        };
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            await Task.Yield();
            var dev = DeviceSelector.Resolve(parse.GetValue(device)!);
            using var encoder = EncoderFile.Load(parse.GetValue(checkpoint)!, out var architecture);
            encoder.to(dev);
            var (images, files) =
                ImageFiles.Load(parse.GetValue(input)!, parse.GetValue(resolution), architecture.InChannels);
            // The checkpoint does not carry the training set's statistics: the images are normalised with their own
            // per-channel mean and std (a single image: the standard statistics for its channel count).
            var normalization = files.Count > 1
                ? Normalization.Measure(images)
                : Normalization.For(architecture.InChannels);
            using var data = new ImageDataset("input", images, null, []);
            using var features = FeatureExtractor.Extract(encoder, data, normalization, dev);
            EmbeddingFile.Write(parse.GetValue(output)!, features, files);
            Console.WriteLine(
                $"Wrote {features.shape[0]} x {features.shape[1]} embeddings to {parse.GetValue(output)}");
            return 0;
        }));
        return command;
    }
}
