using System.Net;
using System.Text.Json;
using Ssl.Cloud.ApiHost;
using Ssl.Cloud.Core.Tests.Azurite;
using Ssl.Cloud.Functions.Tests.Support;

namespace Ssl.Cloud.Functions.Tests.Http;

/// <summary>Calls without a valid function key are refused and change nothing.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HostileAuthTests(AzuriteFixture azurite) : HostileInput(azurite)
{
    [Fact]
    public async Task A_call_without_the_function_key_is_401_and_does_nothing()
    {
        using var bare = new HttpClient { BaseAddress = api.Client.BaseAddress };
        var response = await bare.PostAsync("/api/runs", new StringContent(JsonSerializer.Serialize(Run("run-nokey")),
            System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(FunctionKey.Header, await response.Content.ReadAsStringAsync());
        await AssertNoRunAsync("run-nokey");
    }

    [Fact]
    public async Task A_wrong_function_key_in_the_query_is_401()
    {
        using var bare = new HttpClient { BaseAddress = api.Client.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await bare.GetAsync("/api/runs/run-x?code=wrong")).StatusCode);
    }
}
