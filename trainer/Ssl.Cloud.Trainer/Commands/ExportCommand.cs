using System.CommandLine;
using Ssl.Training.Export;

namespace Ssl.Cloud.Trainer.Commands;

/// <summary><c>ssl export</c>: the backbone of a checkpoint with torchvision key names, as safetensors or PyTorch
/// .pt.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint", "-c")
        {
            Description = "A training checkpoint (runs/<id>/checkpoints/epoch-NNNN.ckpt).",
            Required = true,
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "encoder.safetensors or encoder.pt (PyTorch pickle: torch.load + "
                + "resnet18().load_state_dict).",
            DefaultValueFactory = _ => "encoder.safetensors",
        };
        var command = new Command("export",
            "Export the trained backbone for PyTorch: torchvision key names, no heads. CIFAR-stem ResNet-18: "
            + "in PyTorch set conv1 = Conv2d(3, w, 3, 1, 1, bias=False) and maxpool = Identity() first.")
        {
            checkpoint, output,
        };
        command.SetAction((parse, ct) => CommandErrors.Run(async () =>
        {
            await Task.Yield();
            var outPath = parse.GetValue(output)!;
            var what = BackboneExport.Backbone(parse.GetValue(checkpoint)!, outPath);
            Console.WriteLine($"Exported {what} to {outPath}");
            return 0;
        }));
        return command;
    }
}
