using System.Net;
using System.Net.Sockets;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Sasl;
using Microsoft.Azure.Amqp.Transport;
using Ssl.ServiceBus.Endpoint.Amqp;
using Ssl.ServiceBus.Endpoint.Broker;

namespace Ssl.ServiceBus.Endpoint;

/// <summary>An in-process AMQP 1.0 server that speaks the Service Bus dialect the official
/// Azure.Messaging.ServiceBus client needs, so tests run production code unmodified against
/// <see cref="ConnectionString"/>. Plain AMQP on loopback, any SAS key accepted.</summary>
public sealed class ServiceBusEndpoint : IAsyncDisposable
{
    const int PortAttempts = 20;
    readonly QueueRegistry queues;
    readonly AmqpConnectionListener listener;

    ServiceBusEndpoint(QueueRegistry queues, AmqpConnectionListener listener, string host, int port)
    {
        this.queues = queues;
        this.listener = listener;
        Port = port;
        ConnectionString =
            $"Endpoint=sb://{host}:{port};SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true";
    }

    /// <summary>The TCP port the endpoint listens on.</summary>
    public int Port { get; }

    /// <summary>A connection string for <c>new ServiceBusClient(...)</c>; <c>UseDevelopmentEmulator=true</c> makes the
    /// SDK use plain AMQP on this port.</summary>
    public string ConnectionString { get; }

    /// <summary>Starts listening. With <see cref="EndpointOptions.Port"/> 0 a free port is picked.</summary>
    public static Task<ServiceBusEndpoint> StartAsync(EndpointOptions options,
        CancellationToken cancellationToken = default)
    {
        var queues = new QueueRegistry(options);
        var runtime = new EndpointRuntime(queues);
        for (int attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int port = options.Port == 0 ? FreePort(options.Host) : options.Port;
            var listener = new AmqpConnectionListener([$"amqp://{options.Host}:{port}"], Settings(runtime),
                new AmqpConnectionSettings
                {
                    ContainerId = "ssl-servicebus-endpoint",
                    MaxFrameSize = 64 * 1024,
                });
            try
            {
                listener.Open();
                return Task.FromResult(new ServiceBusEndpoint(queues, listener, options.Host, port));
            }
            catch (SocketException) when (options.Port == 0 && attempt < PortAttempts)
            {
                // Another process took the port between probing and binding; probe again.
                listener.Close();
            }
            catch
            {
                queues.Dispose();
                throw;
            }
        }
    }

    /// <summary>Test-only inspection of a queue (created if auto-creation is on).</summary>
    public QueueView Queue(string name) =>
        new(queues.Find(name) ?? throw new ArgumentException($"There is no queue '{name}'.", nameof(name)));

    public ValueTask DisposeAsync()
    {
        listener.Close();
        queues.Dispose();
        return ValueTask.CompletedTask;
    }

    static AmqpSettings Settings(EndpointRuntime runtime)
    {
        var sasl = new SaslTransportProvider();
        sasl.Versions.Add(new AmqpVersion(1, 0, 0));
        // The SDK authenticates with CBS tokens after a SASL exchange under this mechanism name.
        sasl.AddHandler(new SaslAnonymousHandler("MSSBCBS"));
        sasl.AddHandler(new SaslAnonymousHandler());
        var amqp = new AmqpTransportProvider();
        amqp.Versions.Add(new AmqpVersion(1, 0, 0));
        var settings = new AmqpSettings { RuntimeProvider = runtime };
        settings.TransportProviders.Add(sasl);
        settings.TransportProviders.Add(amqp);
        return settings;
    }

    static int FreePort(string host)
    {
        using var probe = new TcpListener(IPAddress.Parse(host), 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
