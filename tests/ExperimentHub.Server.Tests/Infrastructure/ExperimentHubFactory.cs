using System.Net.Http.Headers;
using ExperimentHub.Server.Storage;
using ExperimentHub.Testing.Databases;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ExperimentHub.Server.Tests.Infrastructure;

/// <summary>The whole app in process, on a fresh store (a SQLite file, or a database of the provider under test); one per test class (IClassFixture).</summary>
public sealed class ExperimentHubFactory : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-0123456789abcdef";
    public const long MaxBodyBytes = 256 * 1024;
    public const int MaxBatchPoints = 2_000;

    private readonly TemporaryDirectory _data = new();

    public string DataDir => _data.Path;

    public HttpClient CreateAdminClient() => CreateClientWith(AdminKey);

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
        builder.ConfigureTestServices(services => services.TryAddSingleton<IArtifactStore, InMemoryArtifactStore>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _data.Dispose();
        }
    }
}
