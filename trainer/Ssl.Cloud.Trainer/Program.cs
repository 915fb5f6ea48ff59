using Ssl.Cloud.Trainer.Commands;
using Ssl.Training.Training;

MallocTuning.Apply();
return await Cli.InvokeAsync(args);
