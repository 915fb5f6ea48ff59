namespace Ssl.Cloud.Core.Tests.Storage;

/// <summary>A read stream that throws an <see cref="IOException"/> once <c>failAfter</c> bytes were read,
/// like a local file on a disk that went away.</summary>
sealed class FailingStream(byte[] content, int failAfter, bool canSeek = true) : MemoryStream(content, writable: false)
{
    public override bool CanSeek => canSeek && base.CanSeek;

    public override int Read(byte[] buffer, int offset, int count)
    {
        if (Position >= failAfter) throw new IOException($"injected read failure at byte {Position}");
        return base.Read(buffer, offset, (int)Math.Min(count, failAfter - Position));
    }

    public override int Read(Span<byte> buffer)
    {
        var bytes = new byte[buffer.Length];
        var read = Read(bytes, 0, bytes.Length);
        bytes.AsSpan(0, read).CopyTo(buffer);
        return read;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) =>
        new(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        Task.FromResult(Read(buffer, offset, count));
}
