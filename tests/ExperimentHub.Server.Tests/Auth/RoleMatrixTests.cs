using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ExperimentHub.Server.Dispatch;
using ExperimentHub.Server.Tests.Dispatch;
using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Auth;

/// <summary>
/// Each kind of caller against each kind of action through the API, as one table: what a role allows answers 2xx,
/// what it does not answers 403 with the reason at the field at fault.
/// </summary>
public sealed class RoleMatrixTests(RoleMatrixFixture fixture) : IClassFixture<RoleMatrixFixture>
{
    private const int Ok = 200, Created = 201, Forbidden = 403;

    /// <summary>The actions, each a request built against the fixture (fresh sweeps for those that change one).</summary>
    private static readonly Dictionary<string, Func<RoleMatrixFixture, Task<HttpRequestMessage>>> Actions = new(StringComparer.Ordinal)
    {
        ["list projects"] = _ => Get("/api/v1/projects"),
        ["read project"] = _ => Get("/api/v1/projects/alpha"),
        ["list runs"] = _ => Get("/api/v1/projects/alpha/runs"),
        ["read run"] = f => Get($"/api/v1/runs/{f.AlphaRun}"),
        ["read series"] = f => Get($"/api/v1/runs/{f.AlphaRun}/metrics/loss"),
        ["list artifacts"] = f => Get($"/api/v1/runs/{f.AlphaRun}/artifacts"),
        ["catalog of alpha"] = _ => Get("/api/v1/catalog/runs?project=alpha"),
        ["catalog of all"] = _ => Get("/api/v1/catalog/runs"),
        ["list agents"] = _ => Get("/api/v1/agents"),
        ["create run"] = _ => Send(HttpMethod.Post, "/api/v1/projects/alpha/runs", JsonContent.Create(new { name = "matrix" })),
        ["post metrics"] = f => Send(HttpMethod.Post, $"/api/v1/runs/{f.AlphaRun}/metrics",
            JsonContent.Create(new { points = new[] { new { key = "loss", value = 0.5, step = 1 } } })),
        ["upload artifact"] = f => Send(HttpMethod.Put, $"/api/v1/runs/{f.AlphaRun}/artifacts/matrix.txt",
            new ByteArrayContent(Encoding.UTF8.GetBytes("x")) { Headers = { ContentType = new MediaTypeHeaderValue("text/plain") } }),
        ["launch sweep"] = _ => Send(HttpMethod.Post, "/api/v1/projects/alpha/sweeps",
            new StringContent(SpecTexts.Random(1, 1), Encoding.UTF8, "application/yaml")),
        ["stop sweep"] = async f => await Send(HttpMethod.Post, $"/api/v1/sweeps/{await f.NewSweepAsync()}/stop", null),
        ["list members"] = _ => Get("/api/v1/projects/alpha/members"),
        ["set member"] = _ => Send(HttpMethod.Put, "/api/v1/projects/alpha/members/member", JsonContent.Create(new { role = "viewer" })),
        ["create project key"] = _ => Send(HttpMethod.Post, "/api/v1/keys", JsonContent.Create(new { name = "k", role = "viewer", project = "alpha" })),
        ["create admin key"] = _ => Send(HttpMethod.Post, "/api/v1/keys", JsonContent.Create(new { name = "k", role = "admin" })),
        ["list users"] = _ => Get("/api/v1/users"),
        ["read audit"] = _ => Get("/api/v1/audit"),
    };

    // caller: admin, owner, editor, viewer (of alpha), outsider (viewer of beta), agent, run (alpha's run), other-run (beta's run)
    public static TheoryData<string, string, int> Table => new()
    {
        { "list projects", "admin", Ok }, { "list projects", "viewer", Ok }, { "list projects", "run", Forbidden }, { "list projects", "agent", Forbidden },
        { "read project", "viewer", Ok }, { "read project", "outsider", Forbidden }, { "read project", "run", Forbidden },
        { "list runs", "admin", Ok }, { "list runs", "viewer", Ok }, { "list runs", "outsider", Forbidden }, { "list runs", "run", Forbidden }, { "list runs", "agent", Forbidden },
        { "read run", "viewer", Ok }, { "read run", "run", Ok }, { "read run", "other-run", Forbidden }, { "read run", "outsider", Forbidden }, { "read run", "agent", Forbidden },
        { "read series", "viewer", Ok }, { "read series", "run", Ok }, { "read series", "other-run", Forbidden },
        { "list artifacts", "viewer", Ok }, { "list artifacts", "run", Ok }, { "list artifacts", "other-run", Forbidden },
        { "catalog of alpha", "viewer", Ok }, { "catalog of alpha", "outsider", Forbidden }, { "catalog of alpha", "run", Forbidden }, { "catalog of alpha", "agent", Forbidden },
        { "catalog of all", "admin", Ok }, { "catalog of all", "owner", Forbidden }, { "catalog of all", "run", Forbidden },
        { "list agents", "viewer", Ok }, { "list agents", "run", Forbidden }, { "list agents", "agent", Forbidden },
        { "create run", "admin", Created }, { "create run", "owner", Created }, { "create run", "editor", Created }, { "create run", "viewer", Forbidden },
        { "create run", "outsider", Forbidden }, { "create run", "run", Forbidden }, { "create run", "agent", Forbidden },
        { "post metrics", "editor", Ok }, { "post metrics", "run", Ok }, { "post metrics", "viewer", Forbidden }, { "post metrics", "other-run", Forbidden },
        { "post metrics", "agent", Forbidden },
        { "upload artifact", "editor", Created }, { "upload artifact", "run", Created }, { "upload artifact", "viewer", Forbidden },
        { "upload artifact", "other-run", Forbidden },
        { "launch sweep", "admin", Created }, { "launch sweep", "editor", Created }, { "launch sweep", "viewer", Forbidden }, { "launch sweep", "run", Forbidden },
        { "launch sweep", "outsider", Forbidden },
        { "stop sweep", "editor", Ok }, { "stop sweep", "owner", Ok }, { "stop sweep", "viewer", Forbidden }, { "stop sweep", "run", Forbidden },
        { "stop sweep", "outsider", Forbidden },
        { "list members", "viewer", Ok }, { "list members", "outsider", Forbidden },
        { "set member", "admin", Ok }, { "set member", "owner", Ok }, { "set member", "editor", Forbidden }, { "set member", "viewer", Forbidden },
        { "create project key", "owner", Created }, { "create project key", "admin", Created }, { "create project key", "editor", Forbidden },
        { "create project key", "run", Forbidden }, { "create project key", "agent", Forbidden },
        { "create admin key", "admin", Created }, { "create admin key", "owner", Forbidden }, { "create admin key", "viewer", Forbidden },
        { "list users", "admin", Ok }, { "list users", "owner", Forbidden }, { "list users", "run", Forbidden },
        { "read audit", "admin", Ok }, { "read audit", "owner", Forbidden }, { "read audit", "editor", Forbidden },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Each_role_gets_what_it_may_do_and_403_for_the_rest(string action, string caller, int expected)
    {
        using var client = fixture.Factory.CreateClientWith(fixture.Keys[caller]);
        using var request = await Actions[action](fixture);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expected, $"{caller} → {action}: expected {expected}, got {(int)response.StatusCode}: {body}");
        if (expected == Forbidden)
        {
            // A problem that names the field at fault: Authorization, or the role or project the key asked for.
            Assert.Matches("\"errors\":\\{\"(Authorization|role|project)\"", body);
        }
    }

    [Fact]
    public async Task The_agents_list_shows_each_caller_only_the_trials_of_projects_it_may_see()
    {
        await fixture.NewSweepAsync();
        var agent = new SimulatedAgent(fixture.Factory.Services.GetRequiredService<AgentWorkService>(), "matrix-agent-" + Guid.NewGuid().ToString("N"));
        await agent.RegisterAsync(slots: 1);
        // Every sweep of the fixture is alpha's.
        var trial = (await Eventually.GetAsync(() => agent.RequestAsync(), a => a.Count == 1, "a trial of alpha's sweep"))[0];

        foreach (var (caller, sees) in new[] { ("admin", true), ("viewer", true), ("outsider", false) })
        {
            using var client = fixture.Factory.CreateClientWith(fixture.Keys[caller]);
            var agents = await client.GetFromJsonAsync<JsonElement>("/api/v1/agents");
            var listed = agents.EnumerateArray().Single(a => a.GetProperty("id").GetString() == agent.Id);
            var runs = listed.GetProperty("trials").EnumerateArray().Select(t => t.GetProperty("runId").GetInt64()).ToList();
            Assert.True(sees == runs.Contains(trial.RunId), $"{caller} sees {string.Join(", ", runs)}");
        }
        await agent.EndAsync(trial.RunId, ExperimentHub.Contracts.Agents.TrialOutcome.Completed, 0);
    }

    [Fact]
    public void The_table_covers_every_action_and_caller()
    {
        var rows = Table.Select(r => ((string)r[0], (string)r[1])).ToList();
        Assert.Empty(Actions.Keys.Except(rows.Select(r => r.Item1)));
        Assert.Empty(fixture.Keys.Keys.Except(rows.Select(r => r.Item2)));
    }

    private static Task<HttpRequestMessage> Get(string url) => Send(HttpMethod.Get, url, null);

    private static Task<HttpRequestMessage> Send(HttpMethod method, string url, HttpContent? content) =>
        Task.FromResult(new HttpRequestMessage(method, url) { Content = content });
}
