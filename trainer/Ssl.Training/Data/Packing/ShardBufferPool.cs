namespace Ssl.Training.Data.Packing;

/// <summary>Reuses the pixel arrays of shards the stream has finished with. Shards are megabytes each, so without
/// reuse every one becomes large-object-heap garbage that the GC collects lazily, and the process's resident memory
/// grows well past the loader's budget (measured by <c>ssl bench ingest</c>: ~1.7x the dataset size for one epoch).
/// The pool only ever holds arrays that were in flight, so it keeps at most the budget.</summary>
internal sealed class ShardBufferPool
{
    readonly List<byte[]> free = [];

    public byte[] Rent(long length)
    {
        lock (free)
        {
            var i = free.FindIndex(a => a.LongLength == length);
            if (i >= 0)
            {
                var array = free[i];
                free.RemoveAt(i);
                return array;
            }
        }
        return new byte[length];
    }

    public void Return(byte[] array)
    {
        lock (free) free.Add(array);
    }
}
