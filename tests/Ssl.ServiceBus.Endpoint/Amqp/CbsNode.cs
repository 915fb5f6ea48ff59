using Microsoft.Azure.Amqp;
using Ssl.ServiceBus.Endpoint.Broker;

namespace Ssl.ServiceBus.Endpoint.Amqp;

/// <summary><c>$cbs</c>: accepts every put-token. The endpoint is a loopback test fixture; authorization is
/// the real Service Bus's business, and the SDK only needs the 200.</summary>
internal sealed class CbsNode : RequestResponseNode
{
    protected override AmqpMessage Handle(AmqpMessage request)
    {
        var operation = request.ApplicationProperties?.Map[ServiceBusNames.Operation] as string;
        return operation == ServiceBusNames.PutToken
            ? Response(ServiceBusNames.CbsStatusCode, 200, ServiceBusNames.CbsStatusDescription, "OK")
            : Response(ServiceBusNames.CbsStatusCode, 400, ServiceBusNames.CbsStatusDescription,
                $"Unsupported operation '{operation}'.");
    }

    protected override AmqpMessage Error(Exception exception) =>
        Response(ServiceBusNames.CbsStatusCode, 500, ServiceBusNames.CbsStatusDescription, exception.Message);
}
