using Ssl.Cloud.Trainer.Commands;
using Ssl.Training.Orchestration;

MallocTuning.Apply();
return await Cli.InvokeAsync(args);
