using Ssl.Training.IO;

namespace Ssl.Training.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("atomic-").FullName;

    [Fact]
    public void A_path_writer_replaces_the_file_whole_and_leaves_no_temp_file()
    {
        var path = Path.Combine(folder, "out.bin");
        File.WriteAllText(path, "old");

        AtomicFile.WriteVia(path, temp => File.WriteAllText(temp, "new"));

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder));
    }

    [Fact]
    public void A_path_writer_that_fails_keeps_the_old_file_and_leaves_no_temp_file()
    {
        var path = Path.Combine(folder, "out.bin");
        File.WriteAllText(path, "old");

        Assert.Throws<IOException>(() => AtomicFile.WriteVia(path, temp =>
        {
            File.WriteAllText(temp, "half");
            throw new IOException("disk full");
        }));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder));
    }

    [Fact]
    public void A_stream_writer_that_fails_writes_nothing_under_the_name()
    {
        var path = Path.Combine(folder, "new.bin");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.WriteByte(1);
            throw new InvalidOperationException("interrupted");
        }));

        Assert.Empty(Directory.GetFiles(folder));
    }

    [Fact]
    public async Task An_async_writer_may_read_back_what_it_wrote_and_its_file_appears_whole()
    {
        var path = Path.Combine(folder, "sub", "shard.bin");

        await AtomicFile.WriteAsync(path, async stream =>
        {
            await stream.WriteAsync(new byte[] { 1, 2, 3 });
            stream.Position = 0;
            Assert.Equal(1, stream.ReadByte());
        }, CancellationToken.None);

        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public async Task An_async_writer_that_refuses_what_it_wrote_keeps_the_old_file_and_leaves_no_temp_file()
    {
        var path = Path.Combine(folder, "shard.bin");
        File.WriteAllText(path, "old");

        await Assert.ThrowsAsync<InvalidDataException>(() => AtomicFile.WriteAsync(path, async stream =>
        {
            await stream.WriteAsync(new byte[] { 9 });
            throw new InvalidDataException("hash mismatch");
        }, CancellationToken.None));

        Assert.Equal("old", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
