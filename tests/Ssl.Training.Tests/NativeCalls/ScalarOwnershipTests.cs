using Ssl.Training.Loop;
using TorchSharp;
using Xunit.Abstractions;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.NativeCalls;

public sealed class ScalarOwnershipTests(ITestOutputHelper output)
{
    [Fact]
    public void No_call_in_the_training_library_hands_LibTorch_a_scalar_that_nobody_owns()
    {
        var violations = ScalarOwnership.Violations(typeof(Trainer).Assembly);
        foreach (var v in violations) output.WriteLine(v);
        Assert.Empty(violations);
    }

    [Fact]
    public void The_check_finds_an_implicit_scalar_and_TorchSharps_own_alpha_of_one()
    {
        var violations = ScalarOwnership.Violations(typeof(ScalarOwnershipTests).Assembly)
            .Where(v => v.Contains(nameof(Unowned), StringComparison.Ordinal)).ToList();
        Assert.Contains(violations, v => v.EndsWith("calls TorchSharp.Scalar.op_Implicit(Double)",
            StringComparison.Ordinal));
        Assert.Contains(violations, v => v.EndsWith("calls TorchSharp.torch+Tensor.op_Addition(Tensor, Tensor)",
            StringComparison.Ordinal));
        Assert.Contains(violations, v => v.EndsWith("calls TorchSharp.ScalarExtensionMethods.ToScalar(Double)",
            StringComparison.Ordinal));
    }

    /// <summary>What the check must find: never called.</summary>
    static class Unowned
    {
        public static Tensor Scaled(Tensor x) => x.mul(0.5);
        public static Tensor Sum(Tensor a, Tensor b) => a + b;
        public static Scalar Made(double v) => v.ToScalar();
    }
}
