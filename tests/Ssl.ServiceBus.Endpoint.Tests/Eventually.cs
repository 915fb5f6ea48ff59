namespace Ssl.ServiceBus.Endpoint.Tests;

/// <summary>Waits for a condition the endpoint's sweep timer makes true, with a generous deadline.</summary>
internal static class Eventually
{
    public static async Task<bool> TrueAsync(Func<bool> condition, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(20);
        }

        return true;
    }
}
