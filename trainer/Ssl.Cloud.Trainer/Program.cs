using Ssl.Cloud.Trainer.Commands;

return await Cli.Build().Parse(args).InvokeAsync();
