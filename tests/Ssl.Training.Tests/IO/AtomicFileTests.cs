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

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
