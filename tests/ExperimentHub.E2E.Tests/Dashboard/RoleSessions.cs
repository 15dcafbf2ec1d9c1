using System.Net.Http.Json;
using ExperimentHub.E2E.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ExperimentHub.E2E.Tests.Dashboard;

/// <summary>
/// What <see cref="RoleTests"/> share on the dashboard's server: projects alpha and beta, alpha's owner, editor and
/// viewer, an outsider who owns beta only, a sweep and a run in alpha, and each role's signed-in browser state
/// (each signs in once through the real form).
/// </summary>
public sealed class RoleSessions : IDisposable
{
    public const string Alpha = "roles-alpha";
    public const string Beta = "roles-beta";
    public const string AlphaSweepName = "roles-sweep";
    public const string AlphaRunName = "roles-run";
    /// <summary>A parameter value of alpha's run that no outsider's page may show.</summary>
    public const string SecretParameter = "roles-secret-value";

    private static readonly Dictionary<string, string> Users = new(StringComparer.Ordinal)
    {
        ["owner"] = "e2e-role-owner",
        ["editor"] = "e2e-role-editor",
        ["viewer"] = "e2e-role-viewer",
        ["outsider"] = "e2e-role-outsider",
    };

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, string> _states = new(StringComparer.Ordinal);
    private bool _seeded;
    private int _keys;

    public long AlphaSweep { get; private set; }

    public long AlphaRun { get; private set; }

    /// <summary>A fresh page signed in as <paramref name="role"/> (admin: the fixture's admin).</summary>
    public async Task<IPage> PageAsAsync(DashboardFixture fixture, string role)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        string? state;
        await _gate.WaitAsync();
        try
        {
            await SeedAsync(fixture.Server);
            if (role != "admin" && !_states.ContainsKey(role))
            {
                await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Server.BaseUrl });
                var signIn = await context.NewPageAsync();
                await DashboardSignIn.SignInAsync(signIn, fixture.Server, userName: Users[role], isAdmin: false);
                _states[role] = await context.StorageStateAsync();
            }
            state = role == "admin" ? null : _states[role];
        }
        finally
        {
            _gate.Release();
        }
        if (state is null)
        {
            return await fixture.NewPageAsync();
        }
        var page = await (await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Server.BaseUrl,
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
            StorageState = state,
        })).NewPageAsync();
        page.SetDefaultTimeout(20_000);
        return page;
    }

    /// <summary>A new running sweep in alpha (no agent takes its trials), for a test that stops one.</summary>
    public static async Task<long> NewAlphaSweepAsync(ServerProcess server)
    {
        using var seeder = new ApiSeeder(server);
        return await seeder.SubmitSweepAsync(Alpha, Spec);
    }

    /// <summary>A new viewer key of alpha made by the admin; returns its name.</summary>
    public async Task<string> NewAlphaKeyAsync(ServerProcess server, string role)
    {
        ArgumentNullException.ThrowIfNull(server);
        var name = $"alpha key {Interlocked.Increment(ref _keys)} for {role}";
        using var admin = server.CreateAdminClient();
        using var response = await admin.PostAsJsonAsync("/api/v1/keys", new { name, role = "viewer", project = Alpha });
        await EnsureAsync(response, $"make key {name}");
        return name;
    }

    private async Task SeedAsync(ServerProcess server)
    {
        if (_seeded)
        {
            return;
        }
        using var seeder = new ApiSeeder(server);
        await seeder.CreateProjectAsync(Alpha, "Roles alpha");
        await seeder.CreateProjectAsync(Beta, "Roles beta");
        foreach (var (role, user) in Users)
        {
            await DashboardSignIn.EnsureUserAsync(server, user, isAdmin: false);
            var (project, projectRole) = role == "outsider" ? (Beta, "owner") : (Alpha, role);
            using var admin = server.CreateAdminClient();
            using var response = await admin.PutAsJsonAsync($"/api/v1/projects/{project}/members/{user}", new { role = projectRole });
            await EnsureAsync(response, $"make {user} {projectRole} of {project}");
        }
        AlphaSweep = await seeder.SubmitSweepAsync(Alpha, Spec);
        AlphaRun = await seeder.CreateRunAsync(Alpha, AlphaRunName, new { lr = 0.01, note = SecretParameter });
        await seeder.LogAsync(AlphaRun, "loss", [(1, 0.9), (2, 0.5), (3, 0.25)]);
        _seeded = true;
    }

    private const string Spec = $$"""
        name: {{AlphaSweepName}}
        command: [python3, train.py, "${args}"]
        method: random
        objectives:
          - {metric: loss, goal: minimize}
        parameters:
          lr: {type: float, min: 0.001, max: 0.1, log: true}
        budget: {trials: 4, parallel: 1}
        """;

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Could not {what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public void Dispose() => _gate.Dispose();
}
