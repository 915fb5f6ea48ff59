using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Runs;

/// <summary>Picks the device at run time: the code never branches on the build's backend.</summary>
public static class DeviceSelector
{
    public static Device Resolve(string name) => name switch
    {
        "auto" => cuda.is_available() ? CUDA : CPU,
        "cpu" => CPU,
        "cuda" when !cuda.is_available() => throw new ArgumentException(
            "device 'cuda' was asked for but no CUDA device is available (this build or machine is CPU-only)."),
        "cuda" => CUDA,
        _ => throw new ArgumentException($"device '{name}' is unknown; expected auto, cpu or cuda."),
    };
}
