using Ssl.Training.Methods;
using static TorchSharp.torch;

namespace Ssl.Training.Verification;

/// <summary>The embedding a method's loss aligns across views: its <c>projector</c> (DINO: <c>head</c>) applied to
/// the backbone's features. With a backbone wider than dz only this embedding is bound by the alignment, so this is
/// where Theorem 1 speaks when the backbone is wide. Found by the submodule names every method registers; the method
/// contract has no accessor for it yet.</summary>
public static class AlignedEmbedding
{
    static readonly string[] Names = ["projector", "head"];

    public static Func<Tensor, Tensor> Of(SslMethod method)
    {
        var children = method.named_children().ToDictionary(c => c.name, c => c.module);
        var head = Names.Select(n => children.GetValueOrDefault(n)).OfType<nn.Module<Tensor, Tensor>>().FirstOrDefault()
            ?? throw new ArgumentException(
                $"{method.GetType().Name} has no 'projector' or 'head' submodule whose output could be probed.");
        return x => head.call(method.Backbone.call(x));
    }
}
