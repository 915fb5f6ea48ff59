using Ssl.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Losses;

/// <summary>DINO's self-distillation loss (Caron et al., ICCV 2021, Eq. 2-3 and Alg. 1):
/// P_t = softmax((g_t(x) - c) / tau_t) (centring and sharpening), P_s = softmax(g_s(x') / tau_s),
/// L = mean over pairs (teacher global view x, student view x' != x) of mean_n H(P_t(x), P_s(x')),
/// H(a, b) = - sum_k a_k log b_k; the centre follows c = m c + (1 - m) mean_n g_t(x_n).</summary>
public static class DinoLoss
{
    /// <param name="student">Per view (global views first, then local crops), N x K student outputs.</param>
    /// <param name="teacher">Per global view, N x K teacher outputs; constants: the caller computes them under
    /// <c>no_grad()</c> (the stop-gradient stands in the method).</param>
    /// <param name="center">1 x K centre c.</param>
    public static Tensor Loss(IReadOnlyList<Tensor> student, IReadOnlyList<Tensor> teacher, Tensor center,
        double studentTemperature, double teacherTemperature)
    {
        using var scope = NewDisposeScope();
        var total = zeros(1, dtype: student[0].dtype, device: student[0].device).squeeze();
        var terms = 0;
        for (var t = 0; t < teacher.Count; t++)
        {
            var pt = (teacher[t] - center).Div(teacherTemperature).softmax(1);
            for (var s = 0; s < student.Count; s++)
            {
                if (s == t) continue;
                total = total - (pt * student[s].Div(studentTemperature).log_softmax(1)).sum(1).mean();
                terms++;
            }
        }
        return total.Div(terms).MoveToOuterDisposeScope();
    }

    /// <summary>The next centre, m c + (1 - m) times the mean teacher output over all global views and
    /// samples.</summary>
    public static Tensor NextCenter(Tensor center, IReadOnlyList<Tensor> teacher, double momentum)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var batchCenter = cat(teacher.Select(t => t.detach()).ToList(), 0).mean([0], keepdim: true);
        return center.Mul(momentum).Add(batchCenter.Mul(1 - momentum)).MoveToOuterDisposeScope();
    }
}
