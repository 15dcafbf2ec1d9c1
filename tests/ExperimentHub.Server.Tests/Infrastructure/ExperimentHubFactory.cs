using System.Net.Http.Headers;
using System.Net.Http.Json;
using ExperimentHub.Server.Storage;
using ExperimentHub.Testing.Databases;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ExperimentHub.Server.Tests.Infrastructure;

/// <summary>
/// The whole app in process, on a fresh store (a SQLite file, or a database of the provider under test); one per test
/// class (IClassFixture). A subclass may add settings through <see cref="Settings"/>.
/// </summary>
public class ExperimentHubFactory : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-0123456789abcdef";
    public const long MaxBodyBytes = 256 * 1024;
    public const int MaxBatchPoints = 2_000;

    private readonly TemporaryDirectory _data = new();

    public string DataDir => _data.Path;

    /// <summary>The password <see cref="EnsureUserAsync"/> gives every user it makes.</summary>
    public const string UserPassword = "test-password-0123";

    public HttpClient CreateAdminClient() => CreateClientWith(AdminKey);

    /// <summary>Makes a user who can sign in with <see cref="UserPassword"/> (through the users API, with the bootstrap key); no-op when they exist.</summary>
    public async Task EnsureUserAsync(string name, bool isAdmin = false)
    {
        using var admin = CreateAdminClient();
        using var response = await admin.PostAsJsonAsync("/api/v1/users", new { name, password = UserPassword, isAdmin });
        Assert.True(response.StatusCode is System.Net.HttpStatusCode.Created or System.Net.HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A new key made with the bootstrap key: the text, for a client's Authorization header.</summary>
    public async Task<string> CreateKeyAsync(string role, string? project = null, DateTimeOffset? expiresAt = null, string name = "test key")
    {
        using var admin = CreateAdminClient();
        using var response = await admin.PostAsJsonAsync("/api/v1/keys", new { name, role, project, expiresAt });
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        using var body = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("key").GetString()!;
    }

    public HttpClient CreateClientWith(string? key)
    {
        var client = CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // The test server listens on no port, but the start-up check reads the URLs: a server of your own on the default
        // port 5000 must not fail the tests.
        builder.UseSetting("urls", "http://127.0.0.1:0");
        builder.UseSetting("ExperimentHub:DataDir", _data.Path);
        builder.UseSetting("ExperimentHub:Bootstrap:AdminApiKey", AdminKey);
        builder.UseSetting("ExperimentHub:Demo:Seed", "false");
        builder.UseSetting("ExperimentHub:LocalAgent:Slots", "0");
        builder.UseSetting("ExperimentHub:Api:MaxBodyBytes", MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("ExperimentHub:Api:MaxBatchPoints", MaxBatchPoints.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in TestDatabase.SettingsFor(_data.Path))
        {
            builder.UseSetting(key, value);
        }
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.TryAddSingleton<IArtifactStore, InMemoryArtifactStore>();
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, TestClientAddress>();
        });
    }

    /// <summary>More settings, applied after the defaults above.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _data.Dispose();
        }
    }
}
