using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using ExperimentHub.Server.Tests.Infrastructure;

namespace ExperimentHub.Server.Tests.Integrity;

/// <summary>No artifact write is stored behind an error status, and what is stored is one complete upload.</summary>
public sealed class ArtifactIntegrityTests : IClassFixture<SmallQuotaFactory>
{
    private const int Rounds = 100;
    private const int Uploaders = 4;

    private readonly SmallQuotaFactory _factory;
    private readonly HttpClient _admin;

    public ArtifactIntegrityTests(SmallQuotaFactory factory)
    {
        _factory = factory;
        _admin = factory.CreateAdminClient();
        _admin.PostAsJsonAsync("/api/v1/projects", new { key = "art", name = "Artifacts" }).GetAwaiter().GetResult().Dispose();
        _admin.PostAsJsonAsync("/api/v1/projects", new { key = "quota", name = "Quota" }).GetAwaiter().GetResult().Dispose();
    }

    [Theory]
    [InlineData("café.txt", "caf%C3%A9.txt")]
    [InlineData("données/résumé.json", "donn%C3%A9es/r%C3%A9sum%C3%A9.json")]
    [InlineData("日本語/モデル.bin", "%E6%97%A5%E6%9C%AC%E8%AA%9E/%E3%83%A2%E3%83%87%E3%83%AB.bin")]
    [InlineData("space name.txt", "space%20name.txt")]
    [InlineData("percent%.txt", "percent%25.txt")]
    public async Task Non_ascii_and_encoded_paths_upload_with_201_and_download_by_either_spelling(string path, string encoded)
    {
        var id = await NewRunAsync("art");
        var bytes = Encoding.UTF8.GetBytes($"contents of {path}");
        using var put = await _admin.PutAsync(new Uri($"/api/v1/runs/{id}/artifacts/{encoded}", UriKind.Relative), new ByteArrayContent(bytes));
        var stored = await HttpAssert.JsonAsync(put, HttpStatusCode.Created);
        Assert.Equal(path, stored.GetProperty("path").GetString());
        Assert.Equal($"/api/v1/runs/{id}/artifacts/{encoded}", put.Headers.Location?.OriginalString);

        using var download = await _admin.GetAsync(new Uri($"/api/v1/runs/{id}/artifacts/{encoded}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        var listed = await HttpAssert.JsonAsync(await _admin.GetAsync($"/api/v1/runs/{id}/artifacts"));
        Assert.Equal(path, Assert.Single(listed.EnumerateArray()).GetProperty("path").GetString());
    }

    [Fact]
    public async Task Concurrent_uploads_to_one_path_all_succeed_or_conflict_and_leave_one_whole_upload()
    {
        var id = await NewRunAsync("art");
        for (var round = 0; round < Rounds; round++)
        {
            // Different lengths and contents, so a mix of two uploads cannot pass for either.
            var bodies = Enumerable.Range(0, Uploaders).Select(i => RandomNumberGenerator.GetBytes(8_000 + (i * 1_000))).ToList();
            using var start = new ManualResetEventSlim();
            var uploads = bodies.Select(body => Task.Run(async () =>
            {
                start.Wait();
                using var response = await _admin.PutAsync($"/api/v1/runs/{id}/artifacts/shared/model.bin", new ByteArrayContent(body));
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            })).ToList();
            start.Set();
            var answers = await Task.WhenAll(uploads);
            Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict,
                $"round {round}: {(int)a.StatusCode} {a.Body}"));

            using var download = await _admin.GetAsync($"/api/v1/runs/{id}/artifacts/shared/model.bin");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            var stored = await download.Content.ReadAsByteArrayAsync();
            Assert.Contains(bodies, b => b.AsSpan().SequenceEqual(stored));
            var row = Assert.Single((await HttpAssert.JsonAsync(await _admin.GetAsync($"/api/v1/runs/{id}/artifacts"))).EnumerateArray());
            Assert.Equal(stored.Length, row.GetProperty("size").GetInt64());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(stored)), row.GetProperty("sha256").GetString());
        }
    }

    [Fact]
    public async Task Uploads_past_the_run_quota_are_refused_with_413_naming_the_setting_and_keep_the_old_bytes()
    {
        var id = await NewRunAsync("art");
        var first = RandomNumberGenerator.GetBytes(60_000);
        Assert.Equal(HttpStatusCode.Created, (await _admin.PutAsync($"/api/v1/runs/{id}/artifacts/a.bin", new ByteArrayContent(first))).StatusCode);

        // Declared length over the quota: refused before reading.
        var problem = await HttpAssert.ProblemAsync(
            await _admin.PutAsync($"/api/v1/runs/{id}/artifacts/b.bin", new ByteArrayContent(new byte[50_000])), HttpStatusCode.RequestEntityTooLarge, "body");
        Assert.Contains("MaxBytesPerRun", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // No declared length (streamed): refused as the bytes pass the quota, and nothing of it is kept.
        using var streamed = new StreamContent(new MemoryStream(new byte[50_000]));
        var chunked = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/runs/{id}/artifacts/b.bin") { Content = streamed };
        chunked.Headers.TransferEncodingChunked = true;
        await HttpAssert.ProblemAsync(await _admin.SendAsync(chunked), HttpStatusCode.RequestEntityTooLarge, "body");
        Assert.Equal(HttpStatusCode.NotFound, (await _admin.GetAsync($"/api/v1/runs/{id}/artifacts/b.bin")).StatusCode);

        // Replacing an artifact counts its new size only.
        var replacement = RandomNumberGenerator.GetBytes(90_000);
        Assert.Equal(HttpStatusCode.Created, (await _admin.PutAsync($"/api/v1/runs/{id}/artifacts/a.bin", new ByteArrayContent(replacement))).StatusCode);
        Assert.Equal(replacement, await _admin.GetByteArrayAsync($"/api/v1/runs/{id}/artifacts/a.bin"));
    }

    [Fact]
    public async Task Uploads_past_the_project_quota_are_refused_naming_the_setting()
    {
        for (var i = 0; i < 3; i++)
        {
            var id = await NewRunAsync("quota");
            using var response = await _admin.PutAsync($"/api/v1/runs/{id}/artifacts/w.bin", new ByteArrayContent(new byte[90_000]));
            if (i < 2)
            {
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                continue;
            }
            var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "body");
            Assert.Contains("MaxBytesPerProject", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    private async Task<long> NewRunAsync(string project)
    {
        var created = await HttpAssert.JsonAsync(await _admin.PostAsJsonAsync($"/api/v1/projects/{project}/runs", new { name = "r" }), HttpStatusCode.Created);
        return created.GetProperty("id").GetInt64();
    }
}
