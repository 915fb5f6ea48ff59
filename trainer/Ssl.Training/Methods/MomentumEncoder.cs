using Ssl.Training.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Methods;

/// <summary>The exponential-moving-average target networks of BYOL, MoCo v3 and DINO (solo-learn's "momentum pairs").
/// The schedule is a pure function of the step, so resuming needs only <see cref="StepContext"/>.</summary>
public static class MomentumEncoder
{
    /// <summary>BYOL's cosine schedule (Grill et al. 2020, §3.2): tau_k = 1 - (1 - tau_base) (cos(pi k / K) + 1) / 2,
    /// generalised to end at <paramref name="final"/> instead of 1 (solo-learn's final_tau).</summary>
    public static double Tau(double @base, double final, long step, long totalSteps)
    {
        var progress = totalSteps <= 0 ? 1.0 : Math.Clamp((double)step / totalSteps, 0, 1);
        return final - (final - @base) * (Math.Cos(Math.PI * progress) + 1) / 2;
    }

    /// <summary>xi = tau xi + (1 - tau) theta for each parameter pair (target, online), in registration order.
    /// Buffers (BN running statistics) are not averaged: the target updates them in its own forward passes.</summary>
    public static void Update(nn.Module target, nn.Module online, double tau)
    {
        using var noGrad = no_grad();
        var pairs = target.parameters().Zip(online.parameters());
        foreach (var (xi, theta) in pairs)
            xi.MulInPlace(tau).AddInPlace(theta, 1 - tau);
    }

    /// <summary>Makes <paramref name="target"/> a copy of <paramref name="online"/>'s weights and buffers that receives
    /// no gradients, and returns it.</summary>
    public static T CopyOf<T>(T target, nn.Module online) where T : nn.Module
    {
        using var noGrad = no_grad();
        var source = online.state_dict();
        foreach (var (name, t) in target.state_dict()) t.copy_(source[name]);
        foreach (var p in target.parameters()) p.requires_grad = false;
        return target;
    }
}
