using System.Text.Json;
using Ssl.Training.IO;
using Ssl.Training.Methods;
using Ssl.Training.Optimization;
using Ssl.Training.Runs;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Loop;

/// <summary>A checkpoint holds everything needed to continue exactly: every branch's weights and buffers
/// (<c>model.*</c>), the optimiser's state (<c>optim.*</c>), the augmentation RNG (<c>rng.augment</c>), and in the
/// metadata the epoch, step and history. One safetensors file, written atomically.</summary>
public static class Checkpoint
{
    public const int FormatVersion = 1;

    public static void Save(string path, SslMethod method, Optimizer optimizer, Generator augmentRng,
        TrainingState state, string methodName)
    {
        var tensors = new List<KeyValuePair<string, Tensor>>();
        foreach (var (k, v) in method.state_dict()) tensors.Add(new("model." + k, v));
        foreach (var (k, v) in optimizer.StateDict()) tensors.Add(new("optim." + k, v));
        using var rng = augmentRng.get_state();
        tensors.Add(new("rng.augment", rng));
        SafeTensors.Write(path, tensors, new Dictionary<string, string>
        {
            ["format"] = "ssl.cloud.checkpoint",
            ["formatVersion"] = FormatVersion.ToString(),
            ["method"] = methodName,
            ["state"] = JsonSerializer.Serialize(state, RunDirectory.Json),
        });
    }

    /// <summary>Restores <paramref name="method"/>, <paramref name="optimizer"/> and the RNG in place.
    /// Errors name the file and what does not match (another method or architecture).</summary>
    public static TrainingState Load(string path, SslMethod method, Optimizer optimizer, Generator augmentRng,
        Device device, string methodName)
    {
        var (tensors, metadata) = SafeTensors.Read(path);
        try
        {
            if (!metadata.TryGetValue("format", out var format) || format != "ssl.cloud.checkpoint")
                throw new InvalidDataException($"{path} is not an Ssl.Cloud checkpoint.");
            if (metadata.GetValueOrDefault("formatVersion") != FormatVersion.ToString())
                throw new InvalidDataException(
                    $"{path} has checkpoint format version {metadata.GetValueOrDefault("formatVersion")}; this " +
                    $"trainer reads version {FormatVersion}.");
            if (metadata.GetValueOrDefault("method") != methodName)
                throw new InvalidDataException(
                    $"{path} is a checkpoint of method '{metadata.GetValueOrDefault("method")}', not '{methodName}'.");
            LoadModel(path, method, tensors);
            optimizer.LoadStateDict(tensors.Where(kv => kv.Key.StartsWith("optim.", StringComparison.Ordinal))
                .ToDictionary(kv => kv.Key["optim.".Length..], kv => kv.Value), device);
            augmentRng.set_state(tensors["rng.augment"]);
            return JsonSerializer.Deserialize<TrainingState>(metadata["state"], RunDirectory.Json)
                ?? throw new InvalidDataException($"{path} has no training state.");
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    /// <summary>Warm start: the weights of every branch (backbone, projector, predictor, EMA targets) from a checkpoint
    /// of the same method; nothing of its optimiser, RNG or step count. Errors name the file and what does not
    /// match.</summary>
    public static void LoadWeights(string path, SslMethod method, string methodName)
    {
        var (tensors, metadata) = SafeTensors.Read(path);
        try
        {
            if (!metadata.TryGetValue("format", out var format) || format != "ssl.cloud.checkpoint")
                throw new InvalidDataException($"{path} is not an Ssl.Cloud checkpoint.");
            if (metadata.GetValueOrDefault("method") != methodName)
                throw new InvalidDataException(
                    $"{path} is a checkpoint of method '{metadata.GetValueOrDefault("method")}', not '{methodName}'.");
            LoadModel(path, method, tensors);
        }
        finally
        {
            foreach (var t in tensors.Values) t.Dispose();
        }
    }

    /// <summary>Copies the <c>model.*</c> tensors into <paramref name="module"/>, checking names and shapes.</summary>
    public static void LoadModel(string path, nn.Module module, IReadOnlyDictionary<string, Tensor> tensors,
        string prefix = "model.")
    {
        using var noGrad = no_grad();
        var own = module.state_dict();
        var saved = tensors.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);
        var missing = own.Keys.Except(saved.Keys).ToList();
        if (missing.Count > 0)
            throw new InvalidDataException(
                $"{path} does not match this model: {missing.Count} tensors missing (e.g. '{missing[0]}'); it was " +
                $"saved from another architecture or method.");
        foreach (var (name, target) in own)
        {
            var source = saved[name];
            if (!source.shape.SequenceEqual(target.shape))
                throw new InvalidDataException(
                    $"{path} does not match this model: '{name}' has shape [{string.Join(",", source.shape)}], the " +
                    $"model expects [{string.Join(",", target.shape)}] (another width or architecture).");
            target.copy_(source);
        }
    }
}
