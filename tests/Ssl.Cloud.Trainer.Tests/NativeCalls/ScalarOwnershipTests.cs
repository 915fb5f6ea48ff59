using Ssl.Cloud.Trainer.Commands;
using Ssl.Training.Tests.NativeCalls;
using Xunit.Abstractions;

namespace Ssl.Cloud.Trainer.Tests.NativeCalls;

public sealed class ScalarOwnershipTests(ITestOutputHelper output)
{
    [Fact]
    public void No_call_in_the_ssl_program_hands_LibTorch_a_scalar_that_nobody_owns()
    {
        var violations = ScalarOwnership.Violations(typeof(TrainCommand).Assembly);
        foreach (var v in violations) output.WriteLine(v);
        Assert.Empty(violations);
    }
}
