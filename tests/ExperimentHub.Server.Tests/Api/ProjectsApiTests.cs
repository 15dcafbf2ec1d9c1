using System.Net;
using System.Net.Http.Json;
using System.Text;
using ExperimentHub.Server.Tests.Infrastructure;

namespace ExperimentHub.Server.Tests.Api;

public sealed class ProjectsApiTests(ExperimentHubFactory factory) : IClassFixture<ExperimentHubFactory>
{
    private readonly HttpClient _admin = factory.CreateAdminClient();

    [Fact]
    public async Task A_project_is_created_listed_and_read()
    {
        var created = await HttpAssert.JsonAsync(await _admin.PostAsJsonAsync("/api/v1/projects", new { key = "vision", name = "Vision models" }), HttpStatusCode.Created);
        Assert.Equal("vision", created.GetProperty("key").GetString());
        Assert.Equal("Vision models", created.GetProperty("name").GetString());

        var list = await HttpAssert.JsonAsync(await _admin.GetAsync("/api/v1/projects"));
        Assert.Contains(list.EnumerateArray(), p => p.GetProperty("key").GetString() == "vision");
        var one = await HttpAssert.JsonAsync(await _admin.GetAsync("/api/v1/projects/vision"));
        Assert.Equal("Vision models", one.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_taken_key_is_a_conflict_naming_key()
    {
        await _admin.PostAsJsonAsync("/api/v1/projects", new { key = "twice", name = "one" });
        await HttpAssert.ProblemAsync(await _admin.PostAsJsonAsync("/api/v1/projects", new { key = "twice", name = "two" }), HttpStatusCode.Conflict, "key");
    }

    [Theory]
    [InlineData("""{"key": "", "name": "x"}""", "key")]
    [InlineData("""{"key": "has space", "name": "x"}""", "key")]
    [InlineData("""{"key": "ok-key", "name": ""}""", "name")]
    [InlineData("""{"key": "ok-key", "name": 5}""", "name")]
    [InlineData("""{"key": "ok-key", "name": "x", "colour": "red"}""", "colour")]
    [InlineData("""{"name": "x"}""", "key")]
    [InlineData("""{"key": null, "name": "x"}""", "key")]
    public async Task Bad_project_bodies_name_the_field_and_store_nothing(string json, string field)
    {
        var response = await _admin.PostAsync("/api/v1/projects", new StringContent(json, Encoding.UTF8, "application/json"));
        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, field);
        var list = await HttpAssert.JsonAsync(await _admin.GetAsync("/api/v1/projects"));
        Assert.DoesNotContain(list.EnumerateArray(), p => p.GetProperty("key").GetString() is "ok-key" or "has space" or "");
    }

    [Fact]
    public async Task Malformed_json_is_refused_naming_the_body()
    {
        var response = await _admin.PostAsync("/api/v1/projects", new StringContent("{\"key\": \"x\", ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await HttpAssert.JsonAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any());
    }

    [Fact]
    public async Task Writes_without_a_key_are_refused_and_store_nothing()
    {
        using var anonymous = factory.CreateClientWith(null);
        await HttpAssert.ProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/projects", new { key = "sneaky", name = "x" }), HttpStatusCode.Unauthorized, "Authorization");
        using var wrong = factory.CreateClientWith("not-a-real-key-at-all");
        await HttpAssert.ProblemAsync(await wrong.PostAsJsonAsync("/api/v1/projects", new { key = "sneaky", name = "x" }), HttpStatusCode.Unauthorized, "Authorization");
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync("/api/v1/projects/sneaky")).StatusCode);
    }

    [Fact]
    public async Task A_run_token_cannot_create_projects()
    {
        await _admin.PostAsJsonAsync("/api/v1/projects", new { key = "tokens", name = "x" });
        var run = await HttpAssert.JsonAsync(await _admin.PostAsJsonAsync("/api/v1/projects/tokens/runs", new { name = "r" }), HttpStatusCode.Created);
        using var token = factory.CreateClientWith(run.GetProperty("token").GetString());
        var response = await token.PostAsJsonAsync("/api/v1/projects", new { key = "by-token", name = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Health_answers_with_the_schema_version_without_a_key()
    {
        using var anonymous = factory.CreateClientWith(null);
        var health = await HttpAssert.JsonAsync(await anonymous.GetAsync("/healthz"));
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(RepositoryPaths.EfMigrations("sqlite").Count, health.GetProperty("schemaVersion").GetInt32());
    }
}
