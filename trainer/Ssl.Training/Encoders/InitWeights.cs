using Ssl.Training.Native;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace Ssl.Training.Encoders;

/// <summary>torchvision's ResNet initialisation: Kaiming-normal (fan_out, ReLU) convolutions, BN weight 1 and bias 0.
/// Draws from the global generator, so a seeded run builds identical weights.</summary>
internal static class InitWeights
{
    public static void KaimingConvOnesBn(nn.Module module)
    {
        using var noGrad = no_grad();
        foreach (var (_, m) in module.named_modules())
        {
            switch (m)
            {
                case Conv2d conv:
                    nn.init.kaiming_normal_(conv.weight, mode: nn.init.FanInOut.FanOut,
                        nonlinearity: nn.init.NonlinearityType.ReLU);
                    break;
                case BatchNormalization { affine: true } bn:
                    nn.init.ones_(bn.weight);
                    nn.init.zeros_(bn.bias);
                    break;
            }
        }
    }
}
