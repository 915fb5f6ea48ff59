namespace Ssl.Cloud.Core.Tests.Storage;

/// <summary>A read stream that stops after <c>pauseAt</c> bytes until <see cref="Open"/> is called,
/// so a test can look at storage while an upload is half done.</summary>
sealed class GatedStream(byte[] content, int pauseAt) : MemoryStream(content, writable: false)
{
    readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource paused = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Paused => paused.Task;

    public void Open() => gate.TrySetResult();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        if (Position >= pauseAt && !gate.Task.IsCompleted)
        {
            paused.TrySetResult();
            await gate.Task.WaitAsync(ct);
        }
        var limit = Position < pauseAt ? (int)Math.Min(buffer.Length, pauseAt - Position) : buffer.Length;
        return base.Read(buffer.Span[..limit]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();
}
