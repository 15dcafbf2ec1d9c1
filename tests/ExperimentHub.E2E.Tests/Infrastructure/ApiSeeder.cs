using System.Net.Http.Json;
using System.Text.Json;

namespace ExperimentHub.E2E.Tests.Infrastructure;

/// <summary>Test data through the public HTTP API, as a training script would create it.</summary>
public sealed class ApiSeeder(ServerProcess server) : IDisposable
{
    private readonly HttpClient _http = server.CreateAdminClient();

    public async Task CreateProjectAsync(string key, string name)
    {
        using var response = await _http.PostAsJsonAsync("api/v1/projects", new { key, name });
        await EnsureAsync(response, $"create project {key}");
    }

    public async Task<long> CreateRunAsync(string projectKey, string name, object parameters)
    {
        using var response = await _http.PostAsJsonAsync($"api/v1/projects/{projectKey}/runs", new { name, @params = parameters });
        await EnsureAsync(response, $"create run {name}");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>Submits a sweep spec (YAML) to the project; returns the sweep's id.</summary>
    public async Task<long> SubmitSweepAsync(string projectKey, string yaml)
    {
        using var content = new StringContent(yaml, System.Text.Encoding.UTF8, "application/yaml");
        using var response = await _http.PostAsync($"api/v1/projects/{projectKey}/sweeps", content);
        await EnsureAsync(response, $"submit a sweep to {projectKey}");
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("id").GetInt64();
    }

    public async Task LogAsync(long runId, string key, IEnumerable<(long Step, double Value)> points)
    {
        using var response = await _http.PostAsJsonAsync($"api/v1/runs/{runId}/metrics",
            new { points = points.Select(p => new { key, value = p.Value, step = p.Step }) });
        await EnsureAsync(response, $"log {key} to run {runId}");
    }

    public async Task FinishAsync(long runId, string status = "completed")
    {
        using var response = await _http.PostAsJsonAsync($"api/v1/runs/{runId}/finish", new { status });
        await EnsureAsync(response, $"finish run {runId}");
    }

    /// <summary>Makes an API key (its secret is not kept: the pages list keys by name).</summary>
    public async Task CreateKeyAsync(string name, string role, string? project, DateTimeOffset? expiresAt)
    {
        using var response = await _http.PostAsJsonAsync("api/v1/keys", new { name, role, project, expiresAt });
        await EnsureAsync(response, $"create key {name}");
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Could not {what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public void Dispose() => _http.Dispose();
}
