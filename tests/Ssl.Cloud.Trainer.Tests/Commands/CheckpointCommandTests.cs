using Ssl.Cloud.Trainer.Tests.Fixtures;
using Ssl.Training.IO;
using Ssl.Training.Tests.Data;
using SkiaSharp;

namespace Ssl.Cloud.Trainer.Tests.Commands;

/// <summary>ssl eval, embed and export on the checkpoint of a real (tiny) training run, and on bad input.</summary>
public class CheckpointCommandTests(TrainedCheckpoint trained) : IClassFixture<TrainedCheckpoint>
{
    string Scratch(string name) => Path.Combine(trained.Root, Guid.NewGuid().ToString("N")[..8], name);

    [Fact]
    public async Task Eval_prints_the_probes_of_the_trained_and_random_encoders_and_raw_pixels()
    {
        var result = await SslProcess.Run("eval", "--checkpoint", trained.Path, "--dataset", "builtin:64,32", "--knn-k",
            "5", "--device", "cpu");

        Assert.True(result.ExitCode == 0, result.Error);
        foreach (var row in new[] { "trained", "random init", "raw pixels" })
            Assert.Matches($@"(?m)^\W*{row}\W+\d+\.\d\d%", result.Output);
        Assert.Contains("32 held-out images", result.Output);
    }

    [Theory]
    [InlineData(".safetensors")]
    [InlineData(".npy")]
    public async Task Embed_writes_one_row_of_features_per_image_in_path_order(string extension)
    {
        var input = Scratch("images");
        for (var i = 0; i < 3; i++)
            TestImages.Write(Path.Combine(input, $"{i}.png"),
                TestImages.Solid(20, 20, new SKColor((byte)(60 * i), 9, 9)));
        var output = Scratch("embeddings" + extension);

        var result = await SslProcess.Run("embed", "--checkpoint", trained.Path, "--input", input, "--out", output,
            "--device", "cpu");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Wrote 3 x 32 embeddings", result.Output); // ConvNet width 4: 8 x 4 features
        if (extension == ".npy")
        {
            var npy = File.ReadAllBytes(output);
            Assert.Contains("'shape': (3, 32)", System.Text.Encoding.ASCII.GetString(npy, 10, npy[8]));
            return;
        }
        var (tensors, metadata) = SafeTensors.Read(output);
        Assert.Equal([3L, 32], tensors["embeddings"].shape);
        Assert.Equal([Path.Combine(input, "0.png"), Path.Combine(input, "1.png"), Path.Combine(input, "2.png")],
            System.Text.Json.JsonSerializer.Deserialize<string[]>(metadata["files"])!);
        foreach (var t in tensors.Values) t.Dispose();
    }

    [Fact]
    public async Task Export_writes_the_backbone_alone_under_torchvision_style_names_with_the_trained_shapes()
    {
        var output = Scratch("encoder.safetensors");
        var pt = Scratch("encoder.pt");

        var result = await SslProcess.Run("export", "--checkpoint", trained.Path, "--out", output);
        var pickled = await SslProcess.Run("export", "--checkpoint", trained.Path, "--out", pt);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(pickled.ExitCode == 0, pickled.Error);
        Assert.True(new FileInfo(pt).Length > 0);
        var (tensors, metadata) = SafeTensors.Read(output);
        Assert.Equal(("convnet", "4", "3"), (metadata["architecture"], metadata["width"], metadata["in_channels"]));
        // 4 stages x (conv weight + BN weight, bias, running mean, running var, batches)
        Assert.Equal(24, tensors.Count);
        Assert.Equal([4L, 3, 3, 3], tensors["features.0.0.weight"].shape);
        Assert.Equal([32L, 16, 3, 3], tensors["features.3.0.weight"].shape);
        Assert.DoesNotContain(tensors.Keys,
            k => k.Contains("projector") || k.Contains("predictor") || k.StartsWith("backbone."));
        foreach (var t in tensors.Values) t.Dispose();
    }

    [Theory]
    [InlineData("eval")]
    [InlineData("embed")]
    [InlineData("export")]
    public async Task A_missing_checkpoint_is_an_error_naming_it(string command)
    {
        var missing = Scratch("no-such.ckpt");
        var result = await SslProcess.Run(Args(command, missing));
        AssertUserError(result, missing, "does not exist");
    }

    [Theory]
    [InlineData("eval", "resnet50", "deeper ResNet")]
    [InlineData("export", "resnet50", "deeper ResNet")]
    [InlineData("embed", "mlp", "unknown architecture")]
    [InlineData("export", "mlp", "unknown architecture")]
    public async Task A_checkpoint_of_another_architecture_is_an_error_naming_it(string command, string kind,
        string expected)
    {
        var path = Scratch(kind + ".safetensors");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (kind == "resnet50") ForeignCheckpoints.ResNet50(path); else ForeignCheckpoints.Mlp(path);
        var result = await SslProcess.Run(Args(command, path));
        AssertUserError(result, path, expected);
    }

    [Fact]
    public async Task A_checkpoint_for_gray_images_evaluated_on_colour_images_is_an_error_naming_it()
    {
        var gray = Path.Combine(trained.Root, "gray");
        RawDatasets.Idx(gray, 48, 16);
        var result = await SslProcess.Run("eval", "--checkpoint", trained.Path, "--dataset", gray, "--device", "cpu");
        AssertUserError(result, trained.Path, "3-channel images");
    }

    [Fact]
    public async Task Embedding_an_empty_folder_is_an_error_naming_it()
    {
        var empty = Scratch("empty");
        Directory.CreateDirectory(empty);
        var result = await SslProcess.Run("embed", "--checkpoint", trained.Path, "--input", empty, "--out",
            Scratch("e.npy"));
        AssertUserError(result, empty, "no image files");
    }

    [Fact]
    public async Task Evaluating_on_an_empty_folder_is_an_error_naming_it()
    {
        var empty = Scratch("empty");
        Directory.CreateDirectory(empty);
        var result = await SslProcess.RunWith(new Dictionary<string, string> { ["SSL_CACHE"] = Scratch("cache") },
            "eval", "--checkpoint", trained.Path, "--dataset", empty, "--device", "cpu");
        AssertUserError(result, empty, "nothing usable");
    }

    [Fact]
    public async Task Embedding_a_corrupt_image_is_an_error_naming_the_file()
    {
        var input = Scratch("images");
        TestImages.Write(Path.Combine(input, "good.png"), TestImages.Solid(20, 20, SKColors.Red));
        var jpeg = TestImages.Encode(64, 64, (x, y) => new SKColor((byte)(x * 4), (byte)(y * 4), 7),
            SKEncodedImageFormat.Jpeg);
        var corrupt = Path.Combine(input, "corrupt.jpg");
        TestImages.Write(corrupt, jpeg[..(jpeg.Length / 2)]);
        var output = Scratch("e.safetensors");

        var result = await SslProcess.Run("embed", "--checkpoint", trained.Path, "--input", input, "--out", output);

        AssertUserError(result, corrupt, "truncated");
        Assert.False(File.Exists(output));
    }

    string[] Args(string command, string checkpoint) => command switch
    {
        "eval" => ["eval", "--checkpoint", checkpoint, "--dataset", "builtin:64,32", "--device", "cpu"],
        "embed" => ["embed", "--checkpoint", checkpoint, "--input", Scratch("none"), "--out", Scratch("e.npy")],
        _ => ["export", "--checkpoint", checkpoint, "--out", Scratch("encoder.safetensors")],
    };

    static void AssertUserError(SslProcess.Result result, string file, string what)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(file, result.Error);
        Assert.Contains(what, result.Error);
        Assert.DoesNotContain("   at ", result.Error + result.Output);
    }
}
