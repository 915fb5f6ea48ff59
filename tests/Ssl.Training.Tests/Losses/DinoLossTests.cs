using Ssl.Training.Losses;
using Ssl.Training.Tests.Support;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Losses;

public class DinoLossTests
{
    [Fact]
    public void Uniform_student_gives_log_k_whatever_the_teacher()
    {
        using var student = zeros(3, 6, ScalarType.Float64);
        using var teacher = randn(3, 6, ScalarType.Float64, generator: new Generator(7));
        using var center = zeros(1, 6, ScalarType.Float64);
        using var loss = DinoLoss.Loss([student, student, student], [teacher, teacher], center, 0.1, 0.04);
        Assert.Equal(Math.Log(6), loss.item<double>(), 12);
    }

    [Fact]
    public void Centre_moves_towards_the_mean_teacher_output()
    {
        using var center = tensor(new[,] { { 1.0, 0 } });
        using var t1 = tensor(new[,] { { 2.0, 4 }, { 0, 0 } });
        using var t2 = tensor(new[,] { { 2.0, 0 }, { 0, 0 } });
        using var next = DinoLoss.NextCenter(center, [t1, t2], momentum: 0.9);
        // mean over the 4 rows = [1, 1]; 0.9 [1, 0] + 0.1 [1, 1] = [1, 0.1]
        Assert.True(next.allclose(tensor(new[,] { { 1.0, 0.1 } }), atol: 1e-12));
    }

    [Fact]
    public void Loss_and_centre_match_the_golden_fixture()
    {
        var f = GoldenFixture.Load("dino");
        var student = Enumerable.Range(0, 4).Select(i => f.Input($"student{i}")).ToList();
        var teacher = Enumerable.Range(0, 2).Select(i => f.Input($"teacher{i}")).ToList();
        using var center = f.Input("center");
        using var loss = DinoLoss.Loss(student, teacher, center, f.Parameter("studentTemperature"),
            f.Parameter("teacherTemperature"));
        using var next = DinoLoss.NextCenter(center, teacher, f.Parameter("centerMomentum"));
        f.AssertClose("loss", loss);
        f.AssertClose("nextCenter", next);
    }
}
