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
        var all = ScalarOwnership.Violations(typeof(ScalarOwnershipTests).Assembly);
        var violations = all.Where(v => v.Contains(nameof(Unowned), StringComparison.Ordinal)).ToList();
        foreach (var v in violations) output.WriteLine(v);
        Assert.Contains(violations, v => v.EndsWith("calls TorchSharp.Scalar.op_Implicit(Double)",
            StringComparison.Ordinal));
        Assert.Contains(violations, v => v.EndsWith("calls TorchSharp.torch+Tensor.op_Addition(Tensor, Tensor)",
            StringComparison.Ordinal));
        Assert.Contains(violations, v => v.EndsWith("calls TorchSharp.ScalarExtensionMethods.ToScalar(Double)",
            StringComparison.Ordinal));
        Assert.Contains(violations,
            v => v.Contains("which runs TorchSharp.Modules.SGD.step", StringComparison.Ordinal));
        Assert.Contains(all, v => v.StartsWith("TorchSharp module TorchSharp.Modules.BatchNorm.forward",
            StringComparison.Ordinal));
    }

    /// <summary>What the check must find: never called.</summary>
    static class Unowned
    {
        public static Tensor Scaled(Tensor x) => x.mul(0.5);
        public static Tensor Sum(Tensor a, Tensor b) => a + b;
        public static Scalar Made(double v) => v.ToScalar();

        public static void Step(torch.optim.Optimizer optimizer) => optimizer.step();

        public static torch.optim.Optimizer Sgd(TorchSharp.Modules.Parameter p) => torch.optim.SGD([p], 0.1);

        public static TorchSharp.Modules.BatchNorm2d Norm() => torch.nn.BatchNorm2d(4);
    }
}
