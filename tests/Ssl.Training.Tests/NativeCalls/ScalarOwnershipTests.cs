using Ssl.Training.Loop;
using Xunit.Abstractions;

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
}
