using Ssl.ServiceBus.Endpoint;

// dotnet run --project tests/Ssl.ServiceBus.Endpoint -- \
//     --port 5672 --queue training --lock-duration 00:00:30 --max-delivery-count 10
if (!CommandLine.TryParse(args, out var options, out var error))
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

await using var endpoint = await ServiceBusEndpoint.StartAsync(options);
Console.WriteLine(
    $"Listening on {options.Host}:{endpoint.Port}, queues: {string.Join(", ", options.Queues.Select(q => q.Name))}");
Console.WriteLine(endpoint.ConnectionString);

var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
await stop.Task;
return 0;
