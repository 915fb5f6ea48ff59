using Ssl.Cloud.Trainer.Commands;
using Ssl.Training.Native;
using Ssl.Training.Orchestration;

MallocTuning.Apply();
FinalizerStress.StartIfAsked();
return await Cli.InvokeAsync(args);
