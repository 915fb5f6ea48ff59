namespace Ssl.Cloud.Core.Tests.Resilience;

static class Eventually
{
    /// <summary>Waits (in real time) until <paramref name="condition"/> holds: continuations that fake
    /// time releases run on the thread pool, a moment after <c>Advance</c> returns.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for {what}");
            await Task.Delay(5);
        }
    }
}
