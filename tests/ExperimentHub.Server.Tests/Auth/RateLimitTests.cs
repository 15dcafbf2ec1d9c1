using System.Net;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Tests.Infrastructure;

namespace ExperimentHub.Server.Tests.Auth;

/// <summary>ASP.NET Core's rate limiter per client address: on refused keys, and on sign-in posts.</summary>
public sealed class RateLimitTests(ExperimentHubFactory factory) : IClassFixture<ExperimentHubFactory>
{
    [Fact]
    public async Task Two_hundred_wrong_keys_are_throttled_while_a_right_key_from_another_client_still_works()
    {
        var statuses = new List<HttpStatusCode>();
        using var guesser = factory.CreateClient();
        for (var i = 0; i < 200; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/projects");
            request.Headers.Add(TestClientAddress.Header, "203.0.113.7");
            request.Headers.Authorization = new("Bearer", $"ehk_abcdefghijkm_guess{i:D38}");
            using var response = await guesser.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 }, "a 429 says when to come back");
            }
        }
        var defaults = new RateLimitOptions();
        Assert.Equal(defaults.FailedKeyAttempts, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(200 - defaults.FailedKeyAttempts, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        // The guesser is refused even with the right key now; another client with the right key is not affected.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SendAsync(ExperimentHubFactory.AdminKey, "203.0.113.7")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(ExperimentHubFactory.AdminKey, "198.51.100.20")).StatusCode);
    }

    [Fact]
    public async Task Repeated_wrong_sign_ins_are_throttled_per_client()
    {
        await factory.EnsureUserAsync("throttled-user");
        using var browser = new BrowserLikeClient(factory);
        browser.Http.DefaultRequestHeaders.Add(TestClientAddress.Header, "203.0.113.9");
        var token = await browser.FormTokenAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 50; i++)
        {
            using var response = await browser.PostSignInAsync("throttled-user", $"wrong-password-{i}", token);
            statuses.Add(response.StatusCode);
        }
        var defaults = new RateLimitOptions();
        Assert.Equal(defaults.SignInAttempts, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(50 - defaults.SignInAttempts, statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        // The page still loads, and another client signs in.
        using (var page = await browser.GetAsync("/signin"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        using var other = new BrowserLikeClient(factory);
        other.Http.DefaultRequestHeaders.Add(TestClientAddress.Header, "198.51.100.21");
        var otherToken = await other.FormTokenAsync();
        using var signedIn = await other.PostSignInAsync("throttled-user", ExperimentHubFactory.UserPassword, otherToken);
        Assert.Equal(HttpStatusCode.Found, signedIn.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(string key, string address)
    {
        using var client = factory.CreateClientWith(key);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/projects");
        request.Headers.Add(TestClientAddress.Header, address);
        return await client.SendAsync(request);
    }
}
