using Ssl.Training.Augmentations;
using Ssl.Training.Data;
using Ssl.Training.Encoders;
using Ssl.Training.Evaluation;
using Ssl.Training.Export;
using Ssl.Training.IO;
using Ssl.Training.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.NativeCalls;

/// <summary>Every tensor a path creates is disposed by the path (or handed to its caller, who disposes it here):
/// none is left to the .NET finalizer, which frees it on its own thread at an unknown time, possibly while LibTorch
/// still uses the memory (issue 19: the finalizer was in <c>THSTensor_dispose</c> during a native crash). The
/// training step of every method is checked in <c>Methods/AllMethodsTests</c>; these are the other paths. The live
/// count is TorchSharp's per-thread one, and each path runs once before it is counted so that lazily built state
/// is not counted as a leak.</summary>
public sealed class NothingLeftToTheFinalizerTests
{
    public static TheoryData<string> Paths => new()
    {
        "augmentation: crop, flip, colour jitter, grayscale",
        "augmentation: blur and solarize",
        "evaluation: kNN and linear probe of an encoder",
        "evaluation: raw pixels",
        "normalisation statistics",
        "resize and colour conversion",
        "export: backbone file written and loaded",
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void A_path_disposes_every_tensor_it_creates(string path)
    {
        using var split = new DatasetSplit(TinyImages.Create(64, seed: 1), TinyImages.Create(32, seed: 2));
        using var encoder = new ConvNet(3, 4);
        var checkpoint = Checkpoint(encoder);
        var run = Path(path, split, encoder, checkpoint);
        run();
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        run();
        var left = DisposeScopeManager.Statistics.ThreadTotalLiveCount - before;
        Assert.True(left == 0, $"{path}: {left} tensor(s) created and never disposed");
    }

    [Fact]
    public void The_count_sees_a_tensor_left_undisposed()
    {
        using var x = ones(4);
        var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        _ = x.mul(x);
        Assert.Equal(1, DisposeScopeManager.Statistics.ThreadTotalLiveCount - before);
    }

    static Action Path(string path, DatasetSplit split, Encoder encoder, string checkpoint)
    {
        var images = split.Train.Images;
        var cpu = CPU;
        var settings = new ProbeSettings(KnnK: 5, Linear: new LinearProbeRecipe { Epochs = 2 });
        return path switch
        {
            "augmentation: crop, flip, colour jitter, grayscale" => () =>
            {
                using var g = new Generator(3);
                foreach (var v in BatchAugment.Apply(images, [ViewRecipe.Cifar(16), ViewRecipe.Cifar(16)], g))
                    v.Dispose();
            },
            "augmentation: blur and solarize" => () =>
            {
                using var g = new Generator(4);
                using var v = BatchAugment.Apply(images, ViewRecipe.ByolSecond(16) with
                {
                    BlurProbability = 1, SolarizeProbability = 1,
                }, g);
            },
            "evaluation: kNN and linear probe of an encoder" => () =>
                EncoderEvaluator.ProbeEncoder(encoder, split, Normalization.ImageNet, cpu, settings),
            "evaluation: raw pixels" => () =>
                EncoderEvaluator.ProbeRawPixels(split, Normalization.ImageNet, cpu, settings),
            "normalisation statistics" => () => Normalization.Measure(images),
            "resize and colour conversion" => () =>
            {
                using var resized = TensorResize.Apply(split.Train, 8, ColorMode.Grayscale);
            },
            "export: backbone file written and loaded" => () =>
            {
                var file = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(checkpoint)!, "backbone.safetensors");
                BackboneExport.Backbone(checkpoint, file);
                using var loaded = EncoderFile.Load(file);
            },
            _ => throw new ArgumentOutOfRangeException(nameof(path), path, null),
        };
    }

    static string Checkpoint(Encoder encoder)
    {
        var dir = Directory.CreateTempSubdirectory("ssl-leak-").FullName;
        var checkpoint = System.IO.Path.Combine(dir, "epoch-0001.ckpt");
        var tensors = encoder.state_dict()
            .Select(kv => new KeyValuePair<string, Tensor>("model.backbone." + kv.Key, kv.Value)).ToList();
        SafeTensors.Write(checkpoint, tensors, new Dictionary<string, string>
        {
            ["format"] = "ssl.cloud.checkpoint", ["formatVersion"] = "1", ["method"] = "simsiam",
        });
        return checkpoint;
    }
}
