using System.Net;
using System.Text.RegularExpressions;
using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ExperimentHub.Server.Tests.Auth;

/// <summary>
/// A client that keeps cookies like a browser and does not follow redirects, so tests see the raw Set-Cookie and
/// Location headers; it fills the sign-in form the way the page renders it (antiforgery token included).
/// </summary>
internal sealed partial class BrowserLikeClient : IDisposable
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);
    private readonly ExperimentHubFactory _factory;

    public BrowserLikeClient(ExperimentHubFactory factory)
    {
        _factory = factory;
        Http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
    }

    public HttpClient Http { get; }

    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    /// <summary>The last response's Set-Cookie header for <paramref name="name"/>, whole (with its attributes).</summary>
    public static string? LastSetCookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(v => v.StartsWith(name + "=", StringComparison.Ordinal))
            : null;

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }
        var response = await Http.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            foreach (var value in values)
            {
                var pair = value.Split(';', 2)[0];
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var (name, text) = (pair[..eq], pair[(eq + 1)..]);
                // An expired, empty cookie is how the server deletes one.
                if (text.Length == 0 || value.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    _cookies.Remove(name);
                }
                else
                {
                    _cookies[name] = text;
                }
            }
        }
        return response;
    }

    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

    /// <summary>GETs the sign-in page and returns its antiforgery token.</summary>
    public async Task<string> FormTokenAsync(string page = "/signin")
    {
        using var response = await GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var match = TokenInput().Match(html);
        Assert.True(match.Success, "the page has no antiforgery token: " + html);
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Posts the sign-in form; a null token leaves the antiforgery field out.</summary>
    public Task<HttpResponseMessage> PostSignInAsync(string userName, string password, string? token, string url = "/signin")
    {
        var fields = new List<KeyValuePair<string, string>> { new("_handler", "signin"), new("UserName", userName), new("Password", password) };
        if (token is not null)
        {
            fields.Add(new("__RequestVerificationToken", token));
        }
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) });
    }

    /// <summary>Signs in as <paramref name="userName"/>, made first when missing (see <see cref="ExperimentHubFactory.EnsureUserAsync"/>).</summary>
    public async Task SignInAsync(string userName, bool isAdmin = true)
    {
        await _factory.EnsureUserAsync(userName, isAdmin);
        var token = await FormTokenAsync();
        using var response = await PostSignInAsync(userName, ExperimentHubFactory.UserPassword, token);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
