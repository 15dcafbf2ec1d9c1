using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ExperimentHub.Server.Tests.Dispatch;
using ExperimentHub.Server.Tests.Infrastructure;

namespace ExperimentHub.Server.Tests.Auth;

/// <summary>
/// One server with a project 'alpha' (and 'beta'), a run in each, and a key of every kind: admin, owner, editor and
/// viewer of alpha, a viewer of beta, an agent key, alpha's run token, and beta's run token (another run's).
/// </summary>
public sealed class RoleMatrixFixture : IAsyncLifetime
{
    public ExperimentHubFactory Factory { get; } = new();

    public Dictionary<string, string> Keys { get; } = new(StringComparer.Ordinal);

    public long AlphaRun { get; private set; }

    public async Task InitializeAsync()
    {
        using var admin = Factory.CreateAdminClient();
        foreach (var project in new[] { "alpha", "beta" })
        {
            (await admin.PostAsJsonAsync("/api/v1/projects", new { key = project, name = project })).EnsureSuccessStatusCode();
        }
        Keys["admin"] = ExperimentHubFactory.AdminKey;
        Keys["owner"] = await Factory.CreateKeyAsync("owner", "alpha");
        Keys["editor"] = await Factory.CreateKeyAsync("editor", "alpha");
        Keys["viewer"] = await Factory.CreateKeyAsync("viewer", "alpha");
        Keys["outsider"] = await Factory.CreateKeyAsync("viewer", "beta");
        Keys["agent"] = await Factory.CreateKeyAsync("agent");
        (AlphaRun, Keys["run"]) = await NewRunAsync(admin, "alpha");
        (_, Keys["other-run"]) = await NewRunAsync(admin, "beta");
        await Factory.EnsureUserAsync("member");
    }

    /// <summary>A fresh sweep in alpha, for actions that change one.</summary>
    public async Task<long> NewSweepAsync()
    {
        using var admin = Factory.CreateAdminClient();
        using var content = new StringContent(SpecTexts.Random(1, 1), Encoding.UTF8, "application/yaml");
        using var response = await admin.PostAsync("/api/v1/projects/alpha/sweeps", content);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetInt64();
    }

    private static async Task<(long Id, string Token)> NewRunAsync(HttpClient admin, string project)
    {
        using var response = await admin.PostAsJsonAsync($"/api/v1/projects/{project}/runs", new { name = "r" });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (body.RootElement.GetProperty("id").GetInt64(), body.RootElement.GetProperty("token").GetString()!);
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
