using Ssl.Training.Methods;
using Ssl.Training.Tests.Support;
using static TorchSharp.torch;

namespace Ssl.Training.Tests.Methods;

public class SwavTests
{
    static Views RandomViews(SslMethod m, int seed, int n = 8)
    {
        var g = new Generator((ulong)seed);
        var (global, local) = m.ViewRecipes(16);
        return new Views(global.Select(_ => randn(n, 3, 16, 16, generator: g)).ToList(),
            local.Select(r => randn(n, 3, r.Size, r.Size, generator: g)).ToList());
    }

    [Fact]
    public void Views_are_two_global_crops_and_the_requested_small_local_crops()
    {
        using var m = TinyMethods.Build("swav", ("local-crops", "4"));
        var (global, local) = m.ViewRecipes(32);
        Assert.Equal(2, global.Count);
        Assert.Equal(4, local.Count);
        Assert.All(local, r => Assert.Equal(14, r.Size)); // 32 * 96 / 224
        Assert.All(local, r => Assert.True(r.ScaleMax < global[0].ScaleMax));
    }

    [Fact]
    public void Prototypes_are_unit_vectors_after_a_forward_pass()
    {
        using var m = (Swav)TinyMethods.Build("swav");
        using (no_grad()) m.Prototypes.mul_(3.0f);
        using var loss = m.call(RandomViews(m, 1));
        using var norms = m.Prototypes.norm(1, false);
        Assert.True(norms.allclose(ones_like(norms), atol: 1e-5));
    }

    [Fact]
    public void Prototypes_are_frozen_in_the_first_epoch_only()
    {
        using var m = (Swav)TinyMethods.Build("swav");
        using (var loss = m.call(RandomViews(m, 2))) loss.backward();
        m.BeforeOptimizerStep(new StepContext(1, 10, 20));
        Assert.NotNull(m.Prototypes.grad);
        m.BeforeOptimizerStep(new StepContext(0, 0, 20));
        Assert.Null(m.Prototypes.grad);
        Assert.All(m.Backbone.parameters(), p => Assert.NotNull(p.grad));
    }

    [Fact]
    public void Queue_fills_with_the_newest_embeddings_first_and_is_part_of_the_state()
    {
        using var m = TinyMethods.Build("swav", ("queue-length", "12"), ("queue-start-epoch", "0"));
        var queue = m.state_dict()["queue"];
        Assert.Equal(new long[] { 2, 12, 16 }, queue.shape);
        m.BeforeForward(new StepContext(0, 0, 10));
        using (m.call(RandomViews(m, 3))) { }
        // 8 unit-norm embeddings in front, the 4 older slots still empty.
        using var norms = queue[0].norm(1, false);
        Assert.True(norms.narrow(0, 0, 8).allclose(ones(8), atol: 1e-5));
        Assert.Equal(0f, norms.narrow(0, 8, 4).sum().item<float>());
        using (m.call(RandomViews(m, 4))) { }
        using var full = queue[1].norm(1, false);
        Assert.True(full.allclose(ones(12), atol: 1e-5));
    }

    [Fact]
    public void A_full_queue_changes_the_codes_and_so_the_loss_once_its_epoch_starts()
    {
        using var m = TinyMethods.Build("swav", ("queue-length", "8"), ("queue-start-epoch", "1"));
        m.eval(); // fixed BN statistics, so only the queue can change the loss
        using (m.call(RandomViews(m, 5))) { } // fills the queue with other images' embeddings
        var views = RandomViews(m, 6);
        m.BeforeForward(new StepContext(1, 2, 10));
        var withQueue = m.call(views).item<float>();
        m.BeforeForward(new StepContext(0, 1, 10));
        var withoutQueue = m.call(views).item<float>();
        Assert.NotEqual(withoutQueue, withQueue);
    }

    [Fact]
    public void Without_a_queue_there_is_no_queue_buffer()
    {
        using var m = TinyMethods.Build("swav", ("queue-length", "0"));
        Assert.DoesNotContain("queue", m.state_dict().Keys);
    }

    [Theory]
    [InlineData("temperature", "-1", "temperature=-1 is out of range")]
    [InlineData("sinkhorn-epsilon", "0", "sinkhorn-epsilon=0 is out of range")]
    [InlineData("sinkhorn-iterations", "NaN", "sinkhorn-iterations='NaN' is not a number")]
    [InlineData("queue-length", "-5", "queue-length=-5 is out of range")]
    public void Bad_hyper_parameters_are_rejected_with_their_name(string key, string value, string message)
    {
        var e = Assert.Throws<HyperParameterException>(() => TinyMethods.Build("swav", (key, value)));
        Assert.StartsWith(message, e.Message);
    }
}
