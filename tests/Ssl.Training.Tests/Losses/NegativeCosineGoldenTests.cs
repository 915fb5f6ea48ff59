using Ssl.Training.Losses;
using Ssl.Training.Tests.Support;

namespace Ssl.Training.Tests.Losses;

public class NegativeCosineGoldenTests
{
    [Fact]
    public void Symmetric_loss_matches_the_golden_fixture()
    {
        var f = GoldenFixture.Load("negative_cosine");
        using var loss = NegativeCosine.Symmetric(f.Input("p1"), f.Input("p2"), f.Input("z1"), f.Input("z2"));
        f.AssertClose("loss", loss);
    }
}
