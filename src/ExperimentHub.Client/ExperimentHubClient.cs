using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ExperimentHub.Client.Models;

namespace ExperimentHub.Client;

/// <summary>
/// The HTTP API of an ExperimentHub server (ARCHITECTURE.md, "Contracts"). Used by the CLI and by .NET training
/// code; one instance per server and key, safe to share between threads.
/// </summary>
public sealed class ExperimentHubClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    public ExperimentHubClient(Uri baseAddress, string? apiKey, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        _ownsHttp = true;
        _http.BaseAddress = new Uri(baseAddress.ToString().TrimEnd('/') + "/");
        _http.Timeout = TimeSpan.FromMinutes(5);
        if (!string.IsNullOrEmpty(apiKey))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }

    /// <summary>Uses an <see cref="HttpClient"/> whose BaseAddress and Authorization are already set.</summary>
    public ExperimentHubClient(HttpClient http)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
    }

    /// <summary>A client from <c>EXPERIMENTHUB_API_URL</c> and <c>EXPERIMENTHUB_API_KEY</c> (or the run token under an agent).</summary>
    public static ExperimentHubClient FromEnvironment()
    {
        var url = Environment.GetEnvironmentVariable("EXPERIMENTHUB_API_URL") ?? "http://127.0.0.1:5000";
        var key = Environment.GetEnvironmentVariable("EXPERIMENTHUB_API_KEY") ?? Environment.GetEnvironmentVariable("EXPERIMENTHUB_TOKEN");
        return new ExperimentHubClient(new Uri(url), key);
    }

    public Uri? BaseAddress => _http.BaseAddress;

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await _http.GetAsync("healthz", cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public Task<ProjectInfo> CreateProjectAsync(string key, string name, CancellationToken cancellationToken = default) =>
        SendJsonAsync<ProjectInfo>(HttpMethod.Post, "api/v1/projects", new { key, name }, cancellationToken);

    public Task<IReadOnlyList<ProjectInfo>> ListProjectsAsync(CancellationToken cancellationToken = default) =>
        SendJsonAsync<IReadOnlyList<ProjectInfo>>(HttpMethod.Get, "api/v1/projects", null, cancellationToken);

    public Task<CreatedRun> CreateRunAsync(string project, string? name, IReadOnlyDictionary<string, object?>? parameters = null, CancellationToken cancellationToken = default) =>
        SendJsonAsync<CreatedRun>(HttpMethod.Post, $"api/v1/projects/{Uri.EscapeDataString(project)}/runs",
            new { name, @params = parameters ?? new Dictionary<string, object?>() }, cancellationToken);

    public Task<RunInfo> GetRunAsync(long runId, CancellationToken cancellationToken = default) =>
        SendJsonAsync<RunInfo>(HttpMethod.Get, $"api/v1/runs/{runId}", null, cancellationToken);

    /// <summary>Sends one batch; the server stores all of it or none. Re-sending a (key, step) replaces it.</summary>
    public async Task LogMetricsAsync(long runId, IReadOnlyList<MetricPoint> points, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Post, $"api/v1/runs/{runId}/metrics", new { points }, cancellationToken);
    }

    public Task<MetricSeries> GetSeriesAsync(long runId, string key, int? maxPoints = null, CancellationToken cancellationToken = default) =>
        SendJsonAsync<MetricSeries>(HttpMethod.Get,
            $"api/v1/runs/{runId}/metrics/{Uri.EscapeDataString(key)}" + (maxPoints is { } m ? "?maxPoints=" + m.ToString(CultureInfo.InvariantCulture) : ""),
            null, cancellationToken);

    public async Task FinishRunAsync(long runId, string status, IReadOnlyDictionary<string, double>? summary = null, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Post, $"api/v1/runs/{runId}/finish", new { status, summary }, cancellationToken);
    }

    /// <summary>Streams <paramref name="content"/> to the run's artifact at <paramref name="path"/>.</summary>
    public async Task UploadArtifactAsync(long runId, string path, Stream content, string contentType = "application/octet-stream", CancellationToken cancellationToken = default)
    {
        using var body = new StreamContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await SendAsync(HttpMethod.Put, ArtifactPath(runId, path), body, cancellationToken);
    }

    /// <summary>The artifact's bytes as a stream the caller disposes, or null when there is none.</summary>
    public async Task<Stream?> DownloadArtifactAsync(long runId, string path, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, ArtifactPath(runId, path));
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            response.Dispose();
            return null;
        }
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    /// <summary>
    /// Submits a sweep spec (JSON when it starts with '{', YAML otherwise). A refused spec throws an
    /// <see cref="ExperimentHubException"/> whose <see cref="ExperimentHubException.SpecErrors"/> lists every error.
    /// </summary>
    public Task<SweepInfo> SubmitSweepAsync(string project, string specText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(specText);
        var mediaType = specText.AsSpan().TrimStart().StartsWith("{") ? "application/json" : "application/yaml";
        var content = new StringContent(specText, Encoding.UTF8, mediaType);
        return SendJsonAsync<SweepInfo>(HttpMethod.Post, $"api/v1/projects/{Uri.EscapeDataString(project)}/sweeps", content, cancellationToken);
    }

    public Task<SweepInfo> GetSweepAsync(long sweepId, CancellationToken cancellationToken = default) =>
        SendJsonAsync<SweepInfo>(HttpMethod.Get, $"api/v1/sweeps/{sweepId}", null, cancellationToken);

    public Task<IReadOnlyList<SweepSummary>> ListSweepsAsync(string project, CancellationToken cancellationToken = default) =>
        SendJsonAsync<IReadOnlyList<SweepSummary>>(HttpMethod.Get, $"api/v1/projects/{Uri.EscapeDataString(project)}/sweeps", null, cancellationToken);

    public Task<IReadOnlyList<TrialInfo>> GetTrialsAsync(long sweepId, CancellationToken cancellationToken = default) =>
        SendJsonAsync<IReadOnlyList<TrialInfo>>(HttpMethod.Get, $"api/v1/sweeps/{sweepId}/trials", null, cancellationToken);

    public Task<SweepInfo> PauseSweepAsync(long sweepId, CancellationToken cancellationToken = default) =>
        SendJsonAsync<SweepInfo>(HttpMethod.Post, $"api/v1/sweeps/{sweepId}/pause", null, cancellationToken);

    public Task<SweepInfo> ResumeSweepAsync(long sweepId, CancellationToken cancellationToken = default) =>
        SendJsonAsync<SweepInfo>(HttpMethod.Post, $"api/v1/sweeps/{sweepId}/resume", null, cancellationToken);

    /// <summary>Stops a sweep: its running trials are told to stop, and no new ones start.</summary>
    public Task<SweepInfo> StopSweepAsync(long sweepId, CancellationToken cancellationToken = default) =>
        SendJsonAsync<SweepInfo>(HttpMethod.Post, $"api/v1/sweeps/{sweepId}/stop", null, cancellationToken);

    /// <summary>Adds <paramref name="trials"/> to a sweep's budget; a finished sweep continues from its history.</summary>
    public Task<SweepInfo> ExtendSweepAsync(long sweepId, int trials, CancellationToken cancellationToken = default) =>
        SendJsonAsync<SweepInfo>(HttpMethod.Post, $"api/v1/sweeps/{sweepId}/extend", new { trials }, cancellationToken);

    public Task<IReadOnlyList<AgentInfo>> ListAgentsAsync(CancellationToken cancellationToken = default) =>
        SendJsonAsync<IReadOnlyList<AgentInfo>>(HttpMethod.Get, "api/v1/agents", null, cancellationToken);

    /// <summary>The run catalog (format csv or jsonl) as a stream the caller disposes.</summary>
    public async Task<Stream> ExportCatalogAsync(string format, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/catalog/runs?format=" + Uri.EscapeDataString(format));
        var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static string ArtifactPath(long runId, string path)
    {
        // Checked here as well as on the server: HttpClient folds "a/../b" into "b" before the server could refuse it.
        if (ArtifactPathError(path) is { } error)
        {
            throw new ArgumentException($"artifact path '{path}': {error}", nameof(path));
        }
        return $"api/v1/runs/{runId}/artifacts/" + string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
    }

    private static string? ArtifactPathError(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return "an artifact path is required";
        }
        if (path.Any(char.IsControl))
        {
            return "an artifact path may not contain control characters";
        }
        if (path.Contains('\\', StringComparison.Ordinal))
        {
            return "an artifact path uses '/' as separator, never '\\'";
        }
        if (path.StartsWith('/'))
        {
            return "an artifact path must be relative";
        }
        return path.Split('/').Any(s => s is "" or "." or "..")
            ? "an artifact path may not have empty, '.' or '..' segments"
            : null;
    }

    private async Task<T> SendJsonAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, body, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(ExperimentHubJson.Options, cancellationToken)
            ?? throw new ExperimentHubException($"{method} {path}: empty response");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Content = body switch
        {
            null => null,
            HttpContent content => content,
            _ => JsonContent.Create(body, body.GetType(), options: ExperimentHubJson.Options),
        };
        var response = await _http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, cancellationToken);
        return response;
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonElement? problem = null;
        var message = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        try
        {
            using var doc = JsonDocument.Parse(text);
            problem = doc.RootElement.Clone();
            message += ": " + DescribeProblem(doc.RootElement);
        }
        catch (JsonException)
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                message += ": " + text;
            }
        }
        var status = response.StatusCode;
        response.Dispose();
        throw new ExperimentHubException(message, status, problem);
    }

    /// <summary>
    /// The problem's reason, once: each field error as "field: message", and the detail (or title) only where it says
    /// more than those (the server's detail often repeats its one field error).
    /// </summary>
    private static string DescribeProblem(JsonElement problem)
    {
        var fieldErrors = new List<string>();
        if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
        {
            fieldErrors.AddRange(errors.EnumerateObject().Select(e => $"{e.Name}: {string.Join(", ", e.Value.EnumerateArray().Select(v => v.ToString()))}"));
        }
        var summary = TextOf(problem, "detail") ?? TextOf(problem, "title");
        var summaryAddsSomething = summary is not null
            && !fieldErrors.Any(e => e.Contains(summary, StringComparison.Ordinal) || summary.Contains(e, StringComparison.Ordinal))
            && !(fieldErrors.Count > 0 && summary == TextOf(problem, "title"));
        return string.Join("; ", summaryAddsSomething ? fieldErrors.Prepend(summary!) : fieldErrors);
    }

    private static string? TextOf(JsonElement problem, string name) =>
        problem.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
