using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Auth;

public sealed class KeysApiTests(ExperimentHubFactory factory) : IClassFixture<ExperimentHubFactory>
{
    [Fact]
    public async Task A_key_is_shown_once_listed_without_its_secret_and_stored_as_a_hash_of_its_secret()
    {
        using var admin = factory.CreateAdminClient();
        (await admin.PostAsJsonAsync("/api/v1/projects", new { key = "keys", name = "Keys" })).EnsureSuccessStatusCode();
        var created = await HttpAssert.JsonAsync(await admin.PostAsJsonAsync("/api/v1/keys", new { name = "ci", role = "editor", project = "keys" }),
            HttpStatusCode.Created);
        var key = created.GetProperty("key").GetString()!;
        Assert.Matches("^ehk_[a-z2-9]{12}_[A-Za-z0-9_-]{43}$", key);
        Assert.True(ApiKeyTokens.TryParse(key, out var publicId, out var secret));
        Assert.Equal("ehk_" + publicId, created.GetProperty("prefix").GetString());
        Assert.Equal("editor", created.GetProperty("role").GetString());
        Assert.Equal("keys", created.GetProperty("project").GetString());

        var listed = await HttpAssert.JsonAsync(await admin.GetAsync("/api/v1/keys"));
        var row = listed.EnumerateArray().Single(k => k.GetProperty("id").GetInt64() == created.GetProperty("id").GetInt64());
        Assert.False(row.TryGetProperty("key", out _));
        Assert.DoesNotContain(secret, listed.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("lastUsedAt").ValueKind);

        var stored = await StoredAsync(created.GetProperty("id").GetInt64());
        Assert.Equal(ApiKeyTokens.Hash(secret), stored.Hash);
        Assert.DoesNotContain(secret, stored.Prefix, StringComparison.Ordinal);

        using var ci = factory.CreateClientWith(key);
        (await ci.GetAsync("/api/v1/projects/keys/runs")).EnsureSuccessStatusCode();
        Assert.NotNull((await StoredAsync(stored.Id)).LastUsedAt);
        var again = await HttpAssert.JsonAsync(await admin.GetAsync("/api/v1/keys"));
        Assert.NotEqual(JsonValueKind.Null, again.EnumerateArray().Single(k => k.GetProperty("id").GetInt64() == stored.Id).GetProperty("lastUsedAt").ValueKind);
    }

    [Fact]
    public async Task Revoked_expired_forged_and_old_format_keys_are_refused_with_401_and_why()
    {
        var key = await factory.CreateKeyAsync("viewer", name: "to revoke");
        using var admin = factory.CreateAdminClient();
        using var client = factory.CreateClientWith(key);
        (await client.GetAsync("/api/v1/projects")).EnsureSuccessStatusCode();
        var id = (await HttpAssert.JsonAsync(await admin.GetAsync("/api/v1/keys"))).EnumerateArray()
            .First(k => k.GetProperty("name").GetString() == "to revoke").GetProperty("id").GetInt64();
        var revoked = await HttpAssert.JsonAsync(await admin.DeleteAsync($"/api/v1/keys/{id}"));
        Assert.NotEqual(JsonValueKind.Null, revoked.GetProperty("revokedAt").ValueKind);
        await RefusedAsync(client, "was revoked");

        var expiring = await factory.CreateKeyAsync("viewer", expiresAt: DateTimeOffset.UtcNow.AddSeconds(1), name: "expiring");
        using var expiringClient = factory.CreateClientWith(expiring);
        await Eventually.TrueAsync(async () => (await expiringClient.GetAsync("/api/v1/projects")).StatusCode == HttpStatusCode.Unauthorized,
            "the key expires", TimeSpan.FromSeconds(30));
        await RefusedAsync(expiringClient, "expired");

        // The right public id with another secret, and a made-up id.
        Assert.True(ApiKeyTokens.TryParse(await factory.CreateKeyAsync("viewer"), out var publicId, out _));
        using var forged = factory.CreateClientWith($"ehk_{publicId}_{new string('A', 43)}");
        await RefusedAsync(forged, ApiKeyResolver.InvalidKey);
        using var madeUp = factory.CreateClientWith("ehk_abcdefghijkm_" + new string('B', 43));
        await RefusedAsync(madeUp, ApiKeyResolver.InvalidKey);

        // A key stored before keys had a public id (its whole text hashed) is refused, saying how to get a new one.
        const string oldKey = "ehk_OldFormatKeyFromBeforeVersionFive0123456789";
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<ExperimentHubDb>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            db.ApiKeys.Add(new ApiKey { Name = "old", Prefix = oldKey[..10], Hash = ApiKeyTokens.Hash(oldKey), Scope = ApiKeyScope.Admin, CreatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync();
        }
        using var old = factory.CreateClientWith(oldKey);
        var problem = await RefusedAsync(old, "ehub keys create");
        Assert.Contains("Keys page", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_keys_user_its_projects_owners_and_admins_may_revoke_it()
    {
        using var admin = factory.CreateAdminClient();
        (await admin.PostAsJsonAsync("/api/v1/projects", new { key = "revoking", name = "Revoking" })).EnsureSuccessStatusCode();
        var owner = await factory.CreateKeyAsync("owner", "revoking");
        var viewer = await factory.CreateKeyAsync("viewer", "revoking", name: "victim");
        using var ownerClient = factory.CreateClientWith(owner);
        using var viewerClient = factory.CreateClientWith(viewer);
        var adminKey = await HttpAssert.JsonAsync(await admin.PostAsJsonAsync("/api/v1/keys", new { name = "another admin", role = "admin" }), HttpStatusCode.Created);

        await HttpAssert.ProblemAsync(await viewerClient.DeleteAsync($"/api/v1/keys/{adminKey.GetProperty("id").GetInt64()}"), HttpStatusCode.Forbidden, "id");
        await HttpAssert.ProblemAsync(await ownerClient.DeleteAsync($"/api/v1/keys/{adminKey.GetProperty("id").GetInt64()}"), HttpStatusCode.Forbidden, "id");
        var ownersList = await HttpAssert.JsonAsync(await ownerClient.GetAsync("/api/v1/keys"));
        Assert.DoesNotContain(ownersList.EnumerateArray(), k => k.GetProperty("role").GetString() == "admin");
        var victim = ownersList.EnumerateArray().Single(k => k.GetProperty("name").GetString() == "victim").GetProperty("id").GetInt64();
        (await ownerClient.DeleteAsync($"/api/v1/keys/{victim}")).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Unauthorized, (await viewerClient.GetAsync("/api/v1/projects")).StatusCode);
        await HttpAssert.ProblemAsync(await admin.DeleteAsync("/api/v1/keys/999999"), HttpStatusCode.NotFound, "id");
    }

    [Theory]
    [InlineData("""{"name": "", "role": "viewer"}""", "name")]
    [InlineData("""{"name": "x", "role": "god"}""", "role")]
    [InlineData("""{"name": "x", "role": "run"}""", "role")]
    [InlineData("""{"name": "x", "role": "admin", "project": "nope"}""", "project")]
    [InlineData("""{"name": "x", "role": "viewer", "project": "nope"}""", "project")]
    [InlineData("""{"name": "x", "role": "viewer", "expiresAt": "2001-01-01T00:00:00Z"}""", "expiresAt")]
    public async Task A_bad_key_request_names_its_field_and_stores_nothing(string body, string field)
    {
        using var admin = factory.CreateAdminClient();
        var before = (await HttpAssert.JsonAsync(await admin.GetAsync("/api/v1/keys"))).GetArrayLength();
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await admin.PostAsync("/api/v1/keys", content);
        Assert.True((int)response.StatusCode is 400 or 404, await response.Content.ReadAsStringAsync());
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, (await HttpAssert.JsonAsync(await admin.GetAsync("/api/v1/keys"))).GetArrayLength());
    }

    [Fact]
    public async Task The_audit_log_records_who_created_and_revoked_keys_and_launched_runs()
    {
        using var admin = factory.CreateAdminClient();
        (await admin.PostAsJsonAsync("/api/v1/projects", new { key = "audited", name = "Audited" })).EnsureSuccessStatusCode();
        var created = await HttpAssert.JsonAsync(await admin.PostAsJsonAsync("/api/v1/keys", new { name = "audited key", role = "viewer", project = "audited" }),
            HttpStatusCode.Created);
        (await admin.DeleteAsync($"/api/v1/keys/{created.GetProperty("id").GetInt64()}")).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/v1/projects/audited/runs", new { name = "r" })).EnsureSuccessStatusCode();

        var audit = (await HttpAssert.JsonAsync(await admin.GetAsync("/api/v1/audit?limit=1000"))).EnumerateArray()
            .Where(e => e.GetProperty("project").GetString() == "audited").ToList();
        var prefix = created.GetProperty("prefix").GetString();
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "key.create" && e.GetProperty("target").GetString() == $"key {prefix}");
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "key.revoke" && e.GetProperty("target").GetString() == $"key {prefix}");
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "run.create");
        Assert.All(audit, e => Assert.StartsWith("key ", e.GetProperty("actor").GetString(), StringComparison.Ordinal));
        await HttpAssert.ProblemAsync(await admin.GetAsync("/api/v1/audit?limit=0"), HttpStatusCode.BadRequest, "limit");
    }

    private async Task<ApiKey> StoredAsync(long id)
    {
        var contexts = factory.Services.GetRequiredService<IDbContextFactory<ExperimentHubDb>>();
        await using var db = await contexts.CreateDbContextAsync();
        return await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == id);
    }

    private static async Task<string> RefusedAsync(HttpClient client, string why)
    {
        using var response = await client.GetAsync("/api/v1/projects");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, body);
        Assert.Contains(why, body, StringComparison.Ordinal);
        return body;
    }
}
