using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace ExperimentHub.Server.Tests.Api;

public sealed class ArtifactsApiTests : IClassFixture<ExperimentHubFactory>
{
    private readonly ExperimentHubFactory _factory;
    private readonly HttpClient _admin;

    public ArtifactsApiTests(ExperimentHubFactory factory)
    {
        _factory = factory;
        _admin = factory.CreateAdminClient();
        _admin.PostAsJsonAsync("/api/v1/projects", new { key = "a", name = "Artifacts" }).GetAwaiter().GetResult().Dispose();
    }

    [Fact]
    public async Task An_upload_larger_than_the_body_limit_streams_and_downloads_the_same()
    {
        var (id, token) = await NewRunAsync();
        using var client = _factory.CreateClientWith(token);
        var bytes = RandomNumberGenerator.GetBytes((int)ExperimentHubFactory.MaxBodyBytes * 3);
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-weights");
        var stored = await HttpAssert.JsonAsync(await client.PutAsync($"/api/v1/runs/{id}/artifacts/model/weights.bin", content), HttpStatusCode.Created);
        Assert.Equal(bytes.Length, stored.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), stored.GetProperty("sha256").GetString());

        using var download = await client.GetAsync($"/api/v1/runs/{id}/artifacts/model/weights.bin");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/x-weights", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());

        var list = await HttpAssert.JsonAsync(await client.GetAsync($"/api/v1/runs/{id}/artifacts"));
        Assert.Equal("model/weights.bin", Assert.Single(list.EnumerateArray()).GetProperty("path").GetString());
    }

    [Theory]
    [InlineData("a/../../etc/passwd")]
    [InlineData("..")]
    [InlineData("./x")]
    [InlineData("a/..%2F..%2Fb")]
    [InlineData("%2Fetc%2Fpasswd")]
    [InlineData("/etc/passwd")]
    [InlineData("dir\\file")]
    [InlineData("dir%5Cfile")]
    [InlineData("a\u0000b")]
    [InlineData("a//b")]
    [InlineData("a/")]
    [InlineData("C:%2Fwindows")]
    public async Task Unsafe_paths_are_refused_naming_path_and_nothing_is_stored(string path)
    {
        var (id, _) = await NewRunAsync();
        // Straight into the server: HttpClient and Kestrel would already fold dot segments before routing.
        var context = await _factory.Server.SendAsync(c =>
        {
            c.Request.Method = "PUT";
            c.Request.Path = $"/api/v1/runs/{id}/artifacts/{path}";
            c.Request.Headers.Authorization = "Bearer " + ExperimentHubFactory.AdminKey;
            c.Request.Body = new MemoryStream([1, 2, 3]);
        });
        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        using var problem = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("path", out _));
        var list = await HttpAssert.JsonAsync(await _admin.GetAsync($"/api/v1/runs/{id}/artifacts"));
        Assert.Equal(0, list.GetArrayLength());
    }

    [Fact]
    public async Task A_path_that_needs_a_folder_where_an_artifact_is_is_a_conflict()
    {
        var (id, _) = await NewRunAsync();
        Assert.Equal(HttpStatusCode.Created, (await _admin.PutAsync($"/api/v1/runs/{id}/artifacts/a", new ByteArrayContent([1]))).StatusCode);
        await HttpAssert.ProblemAsync(await _admin.PutAsync($"/api/v1/runs/{id}/artifacts/a/b", new ByteArrayContent([2])), HttpStatusCode.Conflict, "path");
        var list = await HttpAssert.JsonAsync(await _admin.GetAsync($"/api/v1/runs/{id}/artifacts"));
        Assert.Equal("a", Assert.Single(list.EnumerateArray()).GetProperty("path").GetString());
    }

    [Fact]
    public async Task Uploads_need_the_runs_token_and_an_existing_run()
    {
        var (id, _) = await NewRunAsync();
        var (_, otherToken) = await NewRunAsync();
        using var other = _factory.CreateClientWith(otherToken);
        await HttpAssert.ProblemAsync(await other.PutAsync($"/api/v1/runs/{id}/artifacts/x.txt", new ByteArrayContent([1])), HttpStatusCode.Forbidden, "Authorization");
        using var anonymous = _factory.CreateClientWith(null);
        await HttpAssert.ProblemAsync(await anonymous.PutAsync($"/api/v1/runs/{id}/artifacts/x.txt", new ByteArrayContent([1])), HttpStatusCode.Unauthorized, "Authorization");
        await HttpAssert.ProblemAsync(await _admin.PutAsync("/api/v1/runs/424242/artifacts/x.txt", new ByteArrayContent([1])), HttpStatusCode.NotFound, "id");
        await HttpAssert.ProblemAsync(await _admin.GetAsync($"/api/v1/runs/{id}/artifacts/x.txt"), HttpStatusCode.NotFound, "path");
    }

    private async Task<(long Id, string Token)> NewRunAsync()
    {
        var created = await HttpAssert.JsonAsync(await _admin.PostAsJsonAsync("/api/v1/projects/a/runs", new { name = "t" }), HttpStatusCode.Created);
        return (created.GetProperty("id").GetInt64(), created.GetProperty("token").GetString()!);
    }
}
