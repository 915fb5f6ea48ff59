namespace Ssl.ServiceBus.Endpoint.Amqp;

/// <summary>An <see cref="IAsyncResult"/> for link opens that complete at once.</summary>
internal sealed class CompletedResult : IAsyncResult
{
    CompletedResult(object? state) => AsyncState = state;

    public object? AsyncState { get; }

    public WaitHandle AsyncWaitHandle => throw new NotSupportedException();

    public bool CompletedSynchronously => true;

    public bool IsCompleted => true;

    public static IAsyncResult Complete(AsyncCallback callback, object? state)
    {
        var result = new CompletedResult(state);
        callback(result);
        return result;
    }
}
