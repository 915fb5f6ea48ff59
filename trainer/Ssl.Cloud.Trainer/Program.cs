using Ssl.Cloud.Trainer.Commands;

return await Cli.InvokeAsync(args);
