using System.Net;
using System.Net.Http.Json;
using System.Text;
using ExperimentHub.Server.Security;
using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace ExperimentHub.Server.Tests.Hardening;

public sealed class HardeningTests : IClassFixture<HardeningFactory>
{
    private readonly HardeningFactory _factory;
    private readonly HttpClient _admin;

    public HardeningTests(HardeningFactory factory)
    {
        _factory = factory;
        _admin = factory.CreateAdminClient();
        _admin.PostAsJsonAsync("/api/v1/projects", new { key = "hard", name = "Hard" }).GetAwaiter().GetResult().Dispose();
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/api/v1/projects")]
    [InlineData("/api/v1/runs/999999")]
    [InlineData("/signin")]
    [InlineData("/favicon.svg")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        using var anonymous = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var client in new[] { anonymous, _admin })
        {
            using var response = await client.GetAsync(path);
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
            Assert.Contains("script-src 'self';", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        }
    }

    [Fact]
    public async Task Cookies_are_secure_under_https_only()
    {
        foreach (var (scheme, secure) in new[] { ("https", true), ("http", false) })
        {
            using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions
            {
                AllowAutoRedirect = false,
                HandleCookies = false,
                BaseAddress = new Uri($"{scheme}://localhost"),
            });
            using var page = await client.GetAsync("/signin");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var cookies = page.Headers.GetValues("Set-Cookie").ToList();
            Assert.NotEmpty(cookies);
            Assert.All(cookies, c => Assert.Equal(secure, c.Contains("; secure", StringComparison.OrdinalIgnoreCase)));
        }
    }

    [Fact]
    public void Every_form_of_the_dashboard_carries_an_antiforgery_token()
    {
        var components = RepositoryPaths.Combine("src", "ExperimentHub.Server", "Components");
        var forms = Directory.GetFiles(components, "*.razor", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("<form", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.NotEmpty(forms);
        Assert.All(forms, f => Assert.True(File.ReadAllText(f).Contains("<AntiforgeryToken", StringComparison.Ordinal), $"{f} has a form without <AntiforgeryToken />"));
    }

    [Fact]
    public void The_data_folder_and_store_files_are_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        _ = _factory.Services; // started
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_factory.NewDataDir));
        var files = Directory.GetFiles(_factory.NewDataDir, "experimenthub.db*");
        Assert.Contains(files, f => f.EndsWith("experimenthub.db", StringComparison.Ordinal));
        foreach (var file in files)
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    [Theory]
    [InlineData("project name", "NUL", "a\u0000b")]
    [InlineData("project name", "bidi", "invoice\u202Etxt.exe")]
    [InlineData("project name", "bell", "ding\u0007")]
    [InlineData("run name", "NUL", "a\u0000b")]
    [InlineData("run name", "bidi", "safe\u2066name")]
    [InlineData("run name", "newline", "two\nlines")]
    [InlineData("metric key", "bidi", "loss\u202E")]
    [InlineData("metric key", "NUL", "lo\u0000ss")]
    [InlineData("artifact path", "bidi", "model\u202Egpj.exe")]
    [InlineData("sweep name", "bidi", "sweep\u202E")]
    [InlineData("sweep name", "escape", "sweep\u001B[31m")]
    public async Task Control_and_bidi_characters_are_refused_in_names_at_the_field(string what, string kind, string text)
    {
        _ = kind;
        var run = await HttpAssert.JsonAsync(await _admin.PostAsJsonAsync("/api/v1/projects/hard/runs", new { name = "r" }), HttpStatusCode.Created);
        var id = run.GetProperty("id").GetInt64();
        var (response, field) = what switch
        {
            "project name" => (await _admin.PostAsJsonAsync("/api/v1/projects", new { key = "p" + Guid.NewGuid().ToString("N")[..8], name = text }), "name"),
            "run name" => (await _admin.PostAsJsonAsync("/api/v1/projects/hard/runs", new { name = text }), "name"),
            "metric key" => (await _admin.PostAsJsonAsync($"/api/v1/runs/{id}/metrics", new { points = new[] { new { key = text, value = 1.0, step = 0 } } }), "points[0].key"),
            "artifact path" => (await _admin.PutAsync($"/api/v1/runs/{id}/artifacts/{Uri.EscapeDataString(text)}", new ByteArrayContent([1])), "path"),
            _ => (await _admin.PostAsync("/api/v1/projects/hard/sweeps", new StringContent(
                $"{{\"name\": {System.Text.Json.JsonSerializer.Serialize(text)}, \"command\": [\"run\"], \"method\": \"random\", \"objectives\": [{{\"metric\": \"loss\", \"goal\": \"minimize\"}}], \"parameters\": {{\"x\": {{\"type\": \"float\", \"min\": 0, \"max\": 1}}}}, \"budget\": {{\"trials\": 1}}}}",
                Encoding.UTF8, "application/json")), "name"),
        };
        using (response)
        {
            var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, field);
            Assert.Matches("control|bidirectional|NUL", problem.GetRawText());
        }
    }

    [Fact]
    public async Task Csv_cells_that_a_spreadsheet_would_run_are_escaped_and_numbers_are_not()
    {
        await _admin.PostAsJsonAsync("/api/v1/projects", new { key = "csvinj", name = "CSV" });
        var formulas = new[] { "=HYPERLINK(\"http://x\",\"y\")", "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd" };
        foreach (var (formula, i) in formulas.Select((f, i) => (f, i)))
        {
            await _admin.PostAsJsonAsync("/api/v1/projects/csvinj/runs", new { name = i == 0 ? formula : "r" + i, @params = new { text = formula, negative = -0.5 } });
        }
        var csv = await _admin.GetStringAsync("/api/v1/catalog/runs?format=csv&project=csvinj");
        foreach (var formula in formulas)
        {
            Assert.DoesNotContain("," + formula, csv, StringComparison.Ordinal);
            Assert.DoesNotContain(",\"" + formula, csv, StringComparison.Ordinal);
        }
        Assert.Contains("'=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.Contains("'+1+2", csv, StringComparison.Ordinal);
        Assert.Contains("'@SUM(A1)", csv, StringComparison.Ordinal);
        Assert.Contains(",-0.5", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_requests_log_one_line_each_and_no_stack_trace()
    {
        using var forged = _factory.CreateClientWith("forged-key-0123456789abcdef");
        var refused = new Func<Task<HttpResponseMessage>>[]
        {
            () => forged.GetAsync("/api/v1/projects"),
            () => _admin.PostAsync("/api/v1/projects", new StringContent("{not json", Encoding.UTF8, "application/json")),
            () => _admin.PostAsync("/api/v1/projects", new StringContent("{\"key\": 5}", Encoding.UTF8, "application/json")),
            () => _admin.GetAsync("/api/v1/runs/999999"),
            () => _admin.GetAsync("/api/v1/projects/hard/runs?limit=ten"),
            () => _admin.PostAsync("/api/v1/projects", new ByteArrayContent(new byte[ExperimentHubFactory.MaxBodyBytes + 1]) { Headers = { ContentType = new("application/json") } }),
        };
        foreach (var send in refused)
        {
            _factory.Log.Clear();
            using var response = await send();
            var status = (int)response.StatusCode;
            Assert.InRange(status, 400, 499);
            var entries = _factory.Log.Entries;
            Assert.DoesNotContain(entries, e => e.Exception is not null || e.Level >= LogLevel.Error);
            var lines = entries.Where(e => e.Message.Contains($"answered {status}", StringComparison.Ordinal)).ToList();
            Assert.True(lines.Count == 1, $"{status}: expected one line, got:\n" + string.Join("\n", entries.Select(e => $"{e.Level} {e.Category}: {e.Message}")));
            Assert.DoesNotContain('\n', lines[0].Message);
        }
    }

    [Fact]
    public async Task A_grid_bomb_is_refused_at_its_field_as_problem_details()
    {
        const string spec = """
            name: bomb
            command: [run, "${args}"]
            method: grid
            objectives: [{metric: loss, goal: minimize}]
            parameters:
              x: {type: int, min: 0, max: 9007199254740992}
            budget: {trials: 1}
            """;
        using var response = await _admin.PostAsync("/api/v1/projects/hard/sweeps", new StringContent(spec, Encoding.UTF8, "application/yaml"));
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "parameters.x");
        Assert.Contains("1,000,000", problem.GetRawText(), StringComparison.Ordinal);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;
}
