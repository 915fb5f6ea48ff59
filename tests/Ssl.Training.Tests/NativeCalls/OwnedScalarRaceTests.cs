using Ssl.Training.Native;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.NativeCalls;

/// <summary>The race behind issue 19's <c>toFloat</c> failure, provoked: another thread collects and runs
/// finalizers without pause while this one adds tensors. Through TorchSharp's <c>a.add(b)</c> (an implicit Scalar
/// 1 nobody holds) the same loop failed 38 times in 1,000,000 adds on this machine (scratch program, issue 19's
/// note); through <see cref="ScalarMath"/> the Scalar lives until the native call returns, so no add may fail.
/// </summary>
public sealed class OwnedScalarRaceTests
{
    [Fact]
    public void Owned_scalars_survive_collections_forced_during_the_native_calls()
    {
        const int Adds = 200_000;
        using var a = ones(4);
        using var b = ones(4);
        using var stop = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        collector.Start();
        var failures = new List<string>();
        try
        {
            for (var i = 0; i < Adds; i++)
            {
                try
                {
                    using var sum = a.Add(b);
                    using var scaled = sum.Mul(0.5);
                }
                catch (System.Runtime.InteropServices.ExternalException e)
                {
                    failures.Add($"add {i}: {e.Message.Split('\n')[0]}");
                }
            }
        }
        finally
        {
            stop.Cancel();
            collector.Join();
        }
        Assert.Empty(failures);
    }
}
