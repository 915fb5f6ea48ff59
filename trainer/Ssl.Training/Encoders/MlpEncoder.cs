using Ssl.Training.Native;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch.nn;
using static TorchSharp.torch;

namespace Ssl.Training.Encoders;

/// <summary>A backbone for vector data: <c>[N, InputDim]</c> in, <c>[N, FeatureDim]</c> out, as
/// (Linear-BN-ReLU) x (layers - 1) then a linear output layer, so the features are not clipped at zero.
/// Named <c>MlpEncoder</c> rather than <c>Mlp</c> because <c>Heads.Mlp</c> builds projectors and the methods
/// import both namespaces.</summary>
public sealed class MlpEncoder : Encoder
{
    readonly Sequential layers;
    readonly (int InputDim, int HiddenDim, int FeatureDim, int Layers) shape;

    public MlpEncoder(int inputDim, int hiddenDim, int featureDim, int layers = 3) : base(nameof(MlpEncoder))
    {
        if (inputDim < 1 || hiddenDim < 1 || featureDim < 1)
            throw new ArgumentException(
                $"MLP encoder widths must be positive, got input {inputDim}, hidden {hiddenDim}, "
                + $"features {featureDim}.");
        if (layers < 1)
            throw new ArgumentOutOfRangeException(nameof(layers), layers, "an MLP encoder needs at least one layer");
        shape = (inputDim, hiddenDim, featureDim, layers);
        var modules = new List<Module<Tensor, Tensor>>();
        var dim = inputDim;
        for (var i = 0; i < layers - 1; i++)
        {
            modules.Add(Linear(dim, hiddenDim, hasBias: false));
            modules.Add(BatchNormalization.For1d(hiddenDim));
            modules.Add(ReLU(inplace: true));
            dim = hiddenDim;
        }
        modules.Add(Linear(dim, featureDim));
        this.layers = Sequential(modules);
        RegisterComponents();
    }

    public int InputDim => shape.InputDim;

    public override int FeatureDim => shape.FeatureDim;

    public override Encoder Twin() => new MlpEncoder(shape.InputDim, shape.HiddenDim, shape.FeatureDim, shape.Layers);

    public override Tensor forward(Tensor x) => layers.call(x);
}
