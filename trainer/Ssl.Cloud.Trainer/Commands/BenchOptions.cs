using System.CommandLine;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary>Options the training benchmarks share, spelt once.</summary>
public static class BenchOptions
{
    public static Option<int?> Threads()
    {
        var threads = new Option<int?>("--threads")
        {
            Description = "CPU threads for LibTorch (default: all cores); tests/benchmarks/side-by-side.sh gives "
                + "PyTorch the same.",
        };
        OptionRules.AtLeast(threads, 1);
        return threads;
    }

    public static void ApplyThreads(int? threads)
    {
        if (threads is { } n) TorchSharp.torch.set_num_threads(n);
    }
}
