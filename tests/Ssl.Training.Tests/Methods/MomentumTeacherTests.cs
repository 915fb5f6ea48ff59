using System.Globalization;
using Ssl.Training.Methods;
using Ssl.Training.Tests.Support;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Methods;

/// <summary>The momentum-teacher methods train exactly as they did before the shared teacher helper: losses and the
/// sum of every weight (online and EMA target) after three SGD steps match the values measured on the code before
/// it (commit 6868a29), to float rounding.</summary>
[Collection(SeededTraining.Name)]
public sealed class MomentumTeacherTests
{
    [Theory]
    [InlineData("byol", "4.69319 4.15685 3.27565 342.771")]
    [InlineData("mocov3", "0.688068 1.39491 1.06965 375.5")]
    [InlineData("dino", "4.33841 1.61951 1.50101 414.944")]
    public void Three_steps_give_the_losses_and_weights_of_the_code_before_the_helper(string name, string expected)
    {
        Assert.Equal(expected, Fingerprint(name));
    }

    static string Fingerprint(string name)
    {
        manual_seed(11);
        using var method = TinyMethods.Build(name, ("ema-base", "0.9"));
        method.train();
        using var generator = new Generator(5, CPU);
        Tensor Batch(int size) => rand([4, 3, size, size], generator: generator);
        var losses = new List<double>();
        for (var step = 0; step < 3; step++)
        {
            using var scope = NewDisposeScope();
            var views = new Views([Batch(16), Batch(16)], name == "dino" ? [Batch(8), Batch(8)] : []);
            var context = new StepContext(0, step, 10);
            method.BeforeForward(context);
            var loss = method.forward(views);
            loss.backward();
            method.BeforeOptimizerStep(context);
            using (no_grad())
                foreach (var p in method.parameters().Where(p => p.requires_grad && p.grad is not null))
                    p.sub_(p.grad! * 0.1);
            method.zero_grad();
            method.AfterOptimizerStep(context);
            losses.Add(loss.item<float>());
        }
        var weights = method.state_dict().Values.Where(t => t.is_floating_point()).Sum(t => t.sum().item<float>());
        return string.Join(' ', losses.Append(weights).Select(v => v.ToString("G6", CultureInfo.InvariantCulture)));
    }
}
