using Ssl.Training.Encoders;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ssl.Training.Methods;

/// <summary>The EMA target ("teacher", "momentum encoder") of BYOL, MoCo v3 and DINO: a copy of the online backbone
/// and head that receives no gradients and follows them as xi = tau xi + (1 - tau) theta after each optimiser step,
/// tau rising from <c>ema-base</c> to 1 on BYOL's cosine. The method keeps <see cref="Backbone"/> and
/// <see cref="Head"/> in fields of its own so that they register under its names (checkpoints stay readable).
/// </summary>
public sealed class MomentumTeacher<THead> where THead : Module<Tensor, Tensor>
{
    readonly Encoder onlineBackbone;
    readonly THead onlineHead;
    readonly double tauBase;

    /// <param name="newHead">Builds a head shaped as <paramref name="onlineHead"/>; it becomes the teacher's. Called
    /// after the backbone's twin is built, so the seeded weights are drawn in the same order as before.</param>
    public MomentumTeacher(Encoder onlineBackbone, THead onlineHead, Func<THead> newHead, double tauBase)
    {
        (this.onlineBackbone, this.onlineHead, this.tauBase) = (onlineBackbone, onlineHead, tauBase);
        Backbone = MomentumEncoder.CopyOf(onlineBackbone.Twin(), onlineBackbone);
        Head = MomentumEncoder.CopyOf(newHead(), onlineHead);
    }

    public Encoder Backbone { get; }
    public THead Head { get; }

    /// <summary>head(backbone(x)). The caller wraps it in <c>no_grad()</c>: the stop-gradient belongs in the method.
    /// </summary>
    public Tensor call(Tensor x) => Head.call(Backbone.call(x));

    /// <summary>The momentum at <paramref name="context"/>'s step.</summary>
    public double Tau(StepContext context) => MomentumEncoder.Tau(tauBase, 1.0, context.GlobalStep, context.TotalSteps);

    /// <summary>Moves the teacher towards the online networks; call it after the optimiser step.</summary>
    public void Update(StepContext context)
    {
        var tau = Tau(context);
        MomentumEncoder.Update(Backbone, onlineBackbone, tau);
        MomentumEncoder.Update(Head, onlineHead, tau);
    }
}
