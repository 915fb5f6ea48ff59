using Microsoft.Azure.Amqp.Encoding;

namespace Ssl.ServiceBus.Endpoint.Broker;

/// <summary>The Service Bus dialect on top of AMQP 1.0: the names the official SDK sends and reads.</summary>
internal static class ServiceBusNames
{
    public const string CbsAddress = "$cbs";
    public const string ManagementSuffix = "$management";
    public const string DeadLetterSuffix = "$DeadLetterQueue";

    // Message annotations owned by the broker.
    public const string SequenceNumber = "x-opt-sequence-number";
    public const string EnqueuedTime = "x-opt-enqueued-time";
    public const string LockedUntil = "x-opt-locked-until";
    public const string ScheduledEnqueueTime = "x-opt-scheduled-enqueue-time";
    public const string MessageState = "x-opt-message-state";
    public const string EnqueueSequenceNumber = "x-opt-enqueue-sequence-number";

    // Application properties of a dead-lettered message (ServiceBusReceivedMessage.DeadLetterReason etc.).
    public const string DeadLetterReason = "DeadLetterReason";
    public const string DeadLetterErrorDescription = "DeadLetterErrorDescription";
    public const string MaxDeliveryCountExceeded = "MaxDeliveryCountExceeded";
    public const string TtlExpired = "TTLExpiredException";

    // Error conditions.
    public static readonly AmqpSymbol DeadLetterCondition = "com.microsoft:dead-letter";
    public static readonly AmqpSymbol MessageLockLost = "com.microsoft:message-lock-lost";
    public static readonly AmqpSymbol MessageNotFound = "com.microsoft:message-not-found";
    public static readonly AmqpSymbol SessionFilter = "com.microsoft:session-filter";

    // $management operations and their map keys.
    public const string Operation = "operation";
    public const string RenewLock = "com.microsoft:renew-lock";
    public const string ScheduleMessage = "com.microsoft:schedule-message";
    public const string CancelScheduledMessage = "com.microsoft:cancel-scheduled-message";
    public const string PeekMessage = "com.microsoft:peek-message";
    public const string UpdateDisposition = "com.microsoft:update-disposition";
    public const string StatusCode = "statusCode";
    public const string StatusDescription = "statusDescription";
    public const string ErrorCondition = "errorCondition";
    public static readonly MapKey LockTokens = new("lock-tokens");
    public static readonly MapKey Expirations = new("expirations");
    public static readonly MapKey Messages = new("messages");
    public static readonly MapKey Message = new("message");
    public static readonly MapKey SequenceNumbers = new("sequence-numbers");
    public static readonly MapKey FromSequenceNumber = new("from-sequence-number");
    public static readonly MapKey MessageCount = new("message-count");
    public static readonly MapKey DispositionStatus = new("disposition-status");
    public static readonly MapKey DeadLetterReasonKey = new("deadletter-reason");
    public static readonly MapKey DeadLetterDescriptionKey = new("deadletter-description");
    public static readonly MapKey PropertiesToModify = new("properties-to-modify");

    // $cbs put-token.
    public const string PutToken = "put-token";
    public const string CbsStatusCode = "status-code";
    public const string CbsStatusDescription = "status-description";
}
