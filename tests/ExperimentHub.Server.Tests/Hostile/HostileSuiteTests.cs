using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ExperimentHub.Contracts.Agents;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ExperimentHub.Server.Tests.Hostile;

/// <summary>
/// At least 1,000 generated hostile requests (fixed seed) across every HTTP endpoint and the agent hub: each must be
/// refused with a 4xx whose problem details name the field, never a 5xx, and no table may gain or lose a row.
/// The counts per endpoint and the status histogram are printed.
/// </summary>
public sealed class HostileSuiteTests(ExperimentHubFactory factory, ITestOutputHelper output) : IClassFixture<ExperimentHubFactory>
{
    private const int Seed = 17;

    /// <summary>What the answer to each real-but-refused key says, so that its holder knows what to do.</summary>
    private static readonly Dictionary<string, string> Reasons = new(StringComparer.Ordinal)
    {
        ["expired admin key"] = "expired at",
        ["expired editor key"] = "expired at",
        ["revoked admin key"] = "was revoked at",
        ["revoked owner key"] = "was revoked at",
        ["ended run's token"] = "has ended (completed), so its token no longer works",
        ["forged secret on a real key id"] = "the API key is not valid",
        ["other run's token"] = "run token may use",
        ["agent key on the API"] = "an agent key serves the agent hub only",
    };
    private int _clients;
    private const string ValidSpec = """
        name: target
        command: [run, "${args}"]
        method: random
        objectives: [{metric: loss, goal: minimize}]
        parameters:
          x: {type: float, min: 0, max: 1}
        budget: {trials: 3}
        """;

    [Fact]
    public async Task Generated_hostile_requests_are_all_refused_with_4xx_and_change_no_row()
    {
        var targets = await CreateTargetsAsync();
        var keys = await RealButRefusedKeysAsync(targets);
        var before = await CountRowsAsync();
        var requests = new HostileRequestGenerator(targets, keys, Seed).Generate().ToList();

        var perEndpoint = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var histogram = new SortedDictionary<int, int>();
        var failures = new List<string>();
        foreach (var request in requests)
        {
            var (status, contentType, challenged, text) = await SendRawAsync(request);
            Count(perEndpoint, request.Endpoint);
            Count(histogram, status);
            var problem = Problem(status, contentType, challenged, text)
                ?? (Reasons.TryGetValue(request.Kind, out var reason) && !text.Contains(reason, StringComparison.Ordinal) ? $"does not say '{reason}'" : null);
            if (problem is not null)
            {
                failures.Add($"{request.Method} {Shorten(request.Path)} [{request.Kind}, key {request.Key?.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}]: {status} {problem}: {Shorten(text)}");
            }
        }

        foreach (var (kind, key) in keys.All)
        {
            var status = await ConnectToHubAsync(key);
            Count(perEndpoint, "SignalR /hubs/agents");
            Count(histogram, status);
            if (status is < 400 or >= 500)
            {
                failures.Add($"hub with {kind}: {status}");
            }
        }

        var after = await CountRowsAsync();
        output.WriteLine($"hostile suite (seed {Seed}): {perEndpoint.Values.Sum()} requests, {requests.Count(r => r.Key != targets.AdminKey)} of them with a refused key");
        output.WriteLine("refused keys: " + string.Join(", ", keys.All.Select(k => k.Kind)));
        foreach (var (endpoint, count) in perEndpoint)
        {
            output.WriteLine($"  {count,5}  {endpoint}");
        }
        output.WriteLine("status histogram: " + string.Join(", ", histogram.Select(h => $"{h.Key}: {h.Value}")));
        output.WriteLine("rows per table: " + string.Join(", ", after.Select(t => $"{t.Key} {t.Value}")));

        Assert.True(failures.Count == 0, $"{failures.Count} requests were not refused cleanly:\n" + string.Join("\n", failures.Take(40)));
        Assert.False(histogram.ContainsKey(429), "throttled requests never reached the code they attack");
        Assert.True(perEndpoint.Values.Sum() >= 1_000, $"only {perEndpoint.Values.Sum()} requests");
        Assert.Equal(before, after);
    }

    /// <summary>
    /// Straight into the server, the path as the server's URL decoder leaves it (%2F kept), without the dot-segment
    /// folding that HttpClient does before sending: the app sees "a/./b" and "%2E%2E/x" as an attacker writes them.
    /// </summary>
    private async Task<(int Status, string? ContentType, bool Challenged, string Text)> SendRawAsync(HostileRequest request)
    {
        var query = request.Path.IndexOf('?', StringComparison.Ordinal);
        var body = request.Body();
        var bytes = body is null ? [] : await body.ReadAsByteArrayAsync();
        // Each request from its own client address, as from many attackers: the failed-key throttle (its own tests
        // are RateLimitTests) would otherwise answer 429 to all but the first few, before any handler saw the input.
        var client = Interlocked.Increment(ref _clients);
        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Headers[TestClientAddress.Header] = $"10.17.{client / 256 % 256}.{client % 256}";
            c.Request.Method = request.Method.Method;
            c.Request.Path = PathString.FromUriComponent(query < 0 ? request.Path : request.Path[..query]);
            c.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(request.Path[query..]);
            if (request.Key is not null)
            {
                c.Request.Headers.Authorization = "Bearer " + request.Key;
            }
            if (body is not null)
            {
                c.Request.ContentType = body.Headers.ContentType?.ToString();
                c.Request.ContentLength = bytes.Length;
                c.Request.Body = new MemoryStream(bytes);
                c.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>(new RequestBodyPresent());
            }
        });
        using var reader = new StreamReader(context.Response.Body);
        var text = await reader.ReadToEndAsync();
        body?.Dispose();
        return (context.Response.StatusCode, context.Response.ContentType, context.Response.Headers.WWWAuthenticate.Count > 0, text);
    }

    /// <summary>Null when the answer is a proper refusal: a 4xx in problem details that say what is wrong.</summary>
    private static string? Problem(int status, string? contentType, bool challenged, string text)
    {
        if (status is < 400 or >= 500)
        {
            return "not a 4xx";
        }
        if (status == 401)
        {
            // A refused key is answered by the authentication challenge, which names the header.
            return challenged || text.Contains("Authorization", StringComparison.Ordinal) ? null : "401 without a challenge";
        }
        if (contentType is null || !contentType.StartsWith("application/problem+json", StringComparison.Ordinal))
        {
            return "not problem details";
        }
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        var names = root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object && errors.EnumerateObject().Any();
        var says = root.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 };
        return names || (status == 404 && says) ? null : "no field named";
    }

    private async Task<int> ConnectToHubAsync(string? key)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, AgentHubProtocol.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                if (key is not null)
                {
                    o.AccessTokenProvider = () => Task.FromResult<string?>(key);
                }
            })
            .Build();
        await using (connection)
        {
            try
            {
                await connection.StartAsync();
                return 200;
            }
            catch (HttpRequestException e) when (e.StatusCode is { } code)
            {
                return (int)code;
            }
        }
    }

    /// <summary>
    /// Keys that were real, each refused for its own reason (expired, revoked, its run ended, a forged secret on a
    /// real id), and tokens and keys that are valid but not for these calls (another run's token, an agent key).
    /// </summary>
    private async Task<HostileKeys> RealButRefusedKeysAsync(HostileTargets targets)
    {
        using var admin = factory.CreateAdminClient();
        var (expiredId, expired) = await NewKeyAsync(admin, "admin", null);
        var (_, expiredEditor) = await NewKeyAsync(admin, "editor", targets.ProjectKey);
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<ExperimentHubDb>>().CreateDbContextAsync())
        {
            var past = DateTimeOffset.UtcNow.AddHours(-1);
            var expiring = new[] { expiredId, KeyIdOf(expiredEditor) };
            Assert.Equal(2, await db.ApiKeys.Where(k => expiring.Contains(k.Id)).ExecuteUpdateAsync(u => u.SetProperty(k => k.ExpiresAt, past)));
        }
        var (revokedId, revoked) = await NewKeyAsync(admin, "admin", null);
        var (revokedOwnerId, revokedOwner) = await NewKeyAsync(admin, "owner", targets.ProjectKey);
        foreach (var id in new[] { revokedId, revokedOwnerId })
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.DeleteAsync($"/api/v1/keys/{id}")).StatusCode);
        }
        var ended = await HttpAssert.JsonAsync(await admin.PostAsJsonAsync($"/api/v1/projects/{targets.ProjectKey}/runs", new { name = "ended" }), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/runs/{ended.GetProperty("id").GetInt64()}/finish", new { status = "completed" })).StatusCode);
        var (_, live) = await NewKeyAsync(admin, "admin", null);
        // The real public id of a live admin key with a secret of the right length that is not its secret.
        var forged = live[..live.LastIndexOf('_')] + "_" + new string('Z', live.Length - live.LastIndexOf('_') - 1);
        return new HostileKeys()
            .With("expired admin key", expired)
            .With("expired editor key", expiredEditor)
            .With("revoked admin key", revoked)
            .With("revoked owner key", revokedOwner)
            .With("ended run's token", ended.GetProperty("token").GetString()!)
            .With("forged secret on a real key id", forged)
            .With("other run's token", targets.OtherRunToken);
    }

    private static async Task<(long Id, string Key)> NewKeyAsync(HttpClient admin, string role, string? project)
    {
        var key = await HttpAssert.JsonAsync(await admin.PostAsJsonAsync("/api/v1/keys", new { name = "hostile " + role, role, project }), HttpStatusCode.Created);
        return (key.GetProperty("id").GetInt64(), key.GetProperty("key").GetString()!);
    }

    private long KeyIdOf(string key)
    {
        Assert.True(ExperimentHub.Server.Auth.ApiKeyTokens.TryParse(key, out var publicId, out _));
        using var db = factory.Services.GetRequiredService<IDbContextFactory<ExperimentHubDb>>().CreateDbContext();
        return db.ApiKeys.Single(k => k.PublicId == publicId).Id;
    }

    private async Task<HostileTargets> CreateTargetsAsync()
    {
        using var admin = factory.CreateAdminClient();
        await admin.PostAsJsonAsync("/api/v1/projects", new { key = "h", name = "Hostile" });
        var run = await HttpAssert.JsonAsync(await admin.PostAsJsonAsync("/api/v1/projects/h/runs", new { name = "target" }), HttpStatusCode.Created);
        var other = await HttpAssert.JsonAsync(await admin.PostAsJsonAsync("/api/v1/projects/h/runs", new { name = "other" }), HttpStatusCode.Created);
        var runId = run.GetProperty("id").GetInt64();
        await admin.PostAsJsonAsync($"/api/v1/runs/{runId}/metrics", new { points = new[] { new { key = "loss", value = 0.5, step = 0 } } });
        await admin.PutAsync($"/api/v1/runs/{runId}/artifacts/seed.txt", new StringContent("seed"));
        var sweep = await HttpAssert.JsonAsync(await admin.PostAsync("/api/v1/projects/h/sweeps", new StringContent(ValidSpec, Encoding.UTF8, "application/yaml")), HttpStatusCode.Created);
        var sweepId = sweep.GetProperty("id").GetInt64();
        // Paused, so the dispatcher adds no trial while the suite counts rows.
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/sweeps/{sweepId}/pause", null)).StatusCode);
        var member = await HttpAssert.JsonAsync(await admin.PostAsJsonAsync("/api/v1/keys", new { name = "target", role = "viewer", project = "h" }), HttpStatusCode.Created);
        await factory.EnsureUserAsync("hostile-member");
        return new HostileTargets(ExperimentHubFactory.AdminKey, "h", runId, run.GetProperty("token").GetString()!,
            other.GetProperty("id").GetInt64(), other.GetProperty("token").GetString()!, sweepId, ValidSpec, ExperimentHubFactory.MaxBodyBytes,
            member.GetProperty("id").GetInt64(), await factory.CreateKeyAsync("agent", name: "hostile agent"));
    }

    private async Task<SortedDictionary<string, long>> CountRowsAsync()
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(factory.DataDir, "experimenthub.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }
        return counts;
    }

    private static void Count<T>(SortedDictionary<T, int> counts, T key)
        where T : notnull => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
