using Ssl.Training.Evaluation;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Evaluation;

public class PcaTests
{
    [Fact]
    public void Points_on_a_line_project_onto_the_first_axis_with_all_the_variance()
    {
        using var t = linspace(-1, 1, 50).unsqueeze(1);
        using var direction = tensor(new float[] { 3, 4, 0 }).unsqueeze(0) / 5;
        using var points = t * direction + 7;
        var (coordinates, explained) = Pca.Project(points);
        using (coordinates)
        {
            Assert.Equal(1.0, explained[0], 5);
            Assert.Equal(0.0, coordinates[.., 1].abs().max().item<float>(), 4);
            // The distances along the line are kept: the ends are 2 apart.
            Assert.Equal(2.0, (coordinates[.., 0].max() - coordinates[.., 0].min()).item<float>(), 4);
        }
    }
}
