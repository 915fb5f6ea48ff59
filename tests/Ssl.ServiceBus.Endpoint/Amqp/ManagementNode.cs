using System.Collections;
using Microsoft.Azure.Amqp;
using Microsoft.Azure.Amqp.Encoding;
using Microsoft.Azure.Amqp.Framing;
using Ssl.ServiceBus.Endpoint.Broker;

namespace Ssl.ServiceBus.Endpoint.Amqp;

/// <summary><c>&lt;entity&gt;/$management</c>: the request/response operations of the Service Bus dialect.
/// Requests carry the operation in application property <c>operation</c> and arguments in an AmqpValue map;
/// responses carry <c>statusCode</c>/<c>statusDescription</c> and results in a map.</summary>
internal sealed class ManagementNode(BrokerQueue queue) : RequestResponseNode
{
    protected override AmqpMessage Handle(AmqpMessage request)
    {
        var operation = request.ApplicationProperties?.Map[ServiceBusNames.Operation] as string;
        var arguments = request.ValueBody?.Value as AmqpMap ?? new AmqpMap();
        return operation switch
        {
            ServiceBusNames.RenewLock => RenewLock(arguments),
            ServiceBusNames.ScheduleMessage => Schedule(arguments),
            ServiceBusNames.CancelScheduledMessage => Cancel(arguments),
            ServiceBusNames.PeekMessage => Peek(arguments),
            ServiceBusNames.UpdateDisposition => UpdateDisposition(arguments),
            _ => Failure(AmqpResponseStatusCode.NotImplemented, AmqpErrorCode.NotImplemented,
                $"Operation '{operation}' is not supported by this endpoint."),
        };
    }

    protected override AmqpMessage Error(Exception exception) =>
        Failure(AmqpResponseStatusCode.InternalServerError, AmqpErrorCode.InternalError, exception.Message);

    AmqpMessage RenewLock(AmqpMap arguments)
    {
        var expirations = new List<DateTime>();
        foreach (var lockToken in Values<Guid>(arguments[ServiceBusNames.LockTokens]))
        {
            if (queue.RenewLock(lockToken) is not { } lockedUntil)
            {
                return LockLost(lockToken);
            }

            expirations.Add(lockedUntil);
        }

        return Ok(new AmqpMap { [ServiceBusNames.Expirations] = expirations.ToArray() });
    }

    AmqpMessage Schedule(AmqpMap arguments)
    {
        var contents = Values<AmqpMap>(arguments[ServiceBusNames.Messages])
            .Select(entry => MessageCodec.Decode((ArraySegment<byte>)entry[ServiceBusNames.Message]))
            .ToList();
        var sequenceNumbers = queue.Enqueue(contents);
        return Ok(new AmqpMap { [ServiceBusNames.SequenceNumbers] = sequenceNumbers.ToArray() });
    }

    AmqpMessage Cancel(AmqpMap arguments)
    {
        queue.CancelScheduled(Values<long>(arguments[ServiceBusNames.SequenceNumbers]));
        return Ok(new AmqpMap());
    }

    AmqpMessage Peek(AmqpMap arguments)
    {
        var from = Convert.ToInt64(arguments[ServiceBusNames.FromSequenceNumber] ?? 0L);
        var count = Convert.ToInt32(arguments[ServiceBusNames.MessageCount] ?? 1);
        var peeked = queue.Peek(from, count);
        if (peeked.Count == 0)
        {
            return Response(ServiceBusNames.StatusCode, (int)AmqpResponseStatusCode.NoContent,
                ServiceBusNames.StatusDescription, "No messages.");
        }

        var entries = new List<object>();
        foreach (var message in peeked)
        {
            entries.Add(new AmqpMap { [ServiceBusNames.Message] = MessageCodec.Encode(message) });
            message.Dispose();
        }

        return Ok(new AmqpMap { [ServiceBusNames.Messages] = entries });
    }

    AmqpMessage UpdateDisposition(AmqpMap arguments)
    {
        var settlement = Settlement.FromDispositionStatus(
            arguments[ServiceBusNames.DispositionStatus] as string,
            arguments[ServiceBusNames.PropertiesToModify] as AmqpMap,
            arguments[ServiceBusNames.DeadLetterReasonKey] as string,
            arguments[ServiceBusNames.DeadLetterDescriptionKey] as string);
        if (settlement is null)
        {
            return Failure(AmqpResponseStatusCode.BadRequest, AmqpErrorCode.InvalidField,
                "Unknown disposition-status.");
        }

        foreach (var lockToken in Values<Guid>(arguments[ServiceBusNames.LockTokens]))
        {
            if (!queue.Settle(lockToken, settlement))
            {
                return LockLost(lockToken);
            }
        }

        return Ok(new AmqpMap());
    }

    static AmqpMessage Ok(AmqpMap body) =>
        Response(ServiceBusNames.StatusCode, (int)AmqpResponseStatusCode.OK, ServiceBusNames.StatusDescription, "OK",
            body);

    static AmqpMessage LockLost(Guid lockToken) => Failure(
        AmqpResponseStatusCode.Gone,
        ServiceBusNames.MessageLockLost,
        $"The lock {lockToken} is not held: it expired, or the message was already settled.");

    static AmqpMessage Failure(AmqpResponseStatusCode status, AmqpSymbol condition, string description)
    {
        var response = Response(ServiceBusNames.StatusCode, (int)status, ServiceBusNames.StatusDescription,
            description);
        response.ApplicationProperties.Map[ServiceBusNames.ErrorCondition] = condition;
        return response;
    }

    // Arrays arrive as T[]; lists as List<object>.
    static IEnumerable<T> Values<T>(object? value) => value switch
    {
        null => [],
        T[] array => array,
        IEnumerable items =>
            items.Cast<object>().Select(item => item is T typed ? typed : (T)Convert.ChangeType(item, typeof(T))),
        _ => throw new AmqpException(AmqpErrorCode.InvalidField, $"Expected a list of {typeof(T).Name}."),
    };
}
