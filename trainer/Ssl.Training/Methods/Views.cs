using static TorchSharp.torch;

namespace Ssl.Training.Methods;

/// <summary>The augmented views of one batch: the global views every method uses and, for multi-crop
/// methods (SwAV, DINO), the small local crops. Each is <c>[N, C, H, W]</c>.</summary>
public sealed record Views(IReadOnlyList<Tensor> Global, IReadOnlyList<Tensor> Local)
{
    public Views(Tensor first, Tensor second) : this([first, second], []) { }

    public Tensor First => Global[0];
    public Tensor Second => Global[1];
}
