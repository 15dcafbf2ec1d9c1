using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ExperimentHub.Contracts.Api;

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

    public Task<ProjectDto> CreateProjectAsync(string key, string name, CancellationToken cancellationToken = default) =>
        SendJsonAsync<ProjectDto>(HttpMethod.Post, "api/v1/projects", new CreateProjectRequest(key, name), cancellationToken);

    public Task<IReadOnlyList<ProjectDto>> ListProjectsAsync(CancellationToken cancellationToken = default) =>
        SendJsonAsync<IReadOnlyList<ProjectDto>>(HttpMethod.Get, "api/v1/projects", null, cancellationToken);

    /// <summary>A run outside any sweep; its parameters are sent as one JSON object.</summary>
    public Task<CreatedRunDto> CreateRunAsync(string project, string? name, IReadOnlyDictionary<string, object?>? parameters = null, CancellationToken cancellationToken = default) =>
        CreateRunAsync(project, name, parameters, dataset: null, codeVersion: null, cancellationToken);

    /// <summary>A run outside any sweep, with its provenance: the data set it trains on and its code version (a git commit).</summary>
    public Task<CreatedRunDto> CreateRunAsync(string project, string? name, IReadOnlyDictionary<string, object?>? parameters, string? dataset, string? codeVersion,
        CancellationToken cancellationToken = default)
    {
        var body = new CreateRunRequest(name, JsonSerializer.SerializeToElement(parameters ?? new Dictionary<string, object?>(), ApiJson.Options), dataset, codeVersion);
        return SendJsonAsync<CreatedRunDto>(HttpMethod.Post, $"api/v1/projects/{Uri.EscapeDataString(project)}/runs", body, cancellationToken);
    }

    /// <summary>A new key; <see cref="CreatedKeyDto.Key"/> is its text, which the server shows only in this answer.</summary>
    public Task<CreatedKeyDto> CreateKeyAsync(CreateKeyRequest request, CancellationToken cancellationToken = default) =>
        SendJsonAsync<CreatedKeyDto>(HttpMethod.Post, "api/v1/keys", request, cancellationToken);

    /// <summary>The keys this key may see and revoke, without their secrets.</summary>
    public Task<IReadOnlyList<KeyDto>> ListKeysAsync(CancellationToken cancellationToken = default) =>
        SendJsonAsync<IReadOnlyList<KeyDto>>(HttpMethod.Get, "api/v1/keys", null, cancellationToken);

    public Task<KeyDto> RevokeKeyAsync(long keyId, CancellationToken cancellationToken = default) =>
        SendJsonAsync<KeyDto>(HttpMethod.Delete, $"api/v1/keys/{keyId}", null, cancellationToken);

    public Task<RunDto> GetRunAsync(long runId, CancellationToken cancellationToken = default) =>
        SendJsonAsync<RunDto>(HttpMethod.Get, $"api/v1/runs/{runId}", null, cancellationToken);

    /// <summary>Sends one batch; the server stores all of it or none. Re-sending a (key, step) replaces it.</summary>
    public async Task LogMetricsAsync(long runId, IReadOnlyList<MetricPointDto> points, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(HttpMethod.Post, $"api/v1/runs/{runId}/metrics", new MetricBatchRequest(points), cancellationToken);
    }

    public Task<MetricSeriesDto> GetSeriesAsync(long runId, string key, int? maxPoints = null, CancellationToken cancellationToken = default) =>
        SendJsonAsync<MetricSeriesDto>(HttpMethod.Get,
            $"api/v1/runs/{runId}/metrics/{Uri.EscapeDataString(key)}" + (maxPoints is { } m ? "?maxPoints=" + m.ToString(CultureInfo.InvariantCulture) : ""),
            null, cancellationToken);

    /// <summary>
    /// Records the run's final status. A try whose answer was lost is sent again; when that finds the run already
    /// ended as asked (the first try was stored, and the run's token died with it), the finish took effect and this
    /// returns. A run that ended otherwise throws.
    /// </summary>
    /// <param name="error">Why the run failed, in words; the end of a longer one than the server keeps is sent.</param>
    public async Task FinishRunAsync(long runId, string status, IReadOnlyDictionary<string, double>? summary = null, string? error = null,
        CancellationToken cancellationToken = default)
    {
        var request = new FinishRunRequest(status, summary, error is null ? null : FinishRunRequest.KeepEndOfError(error));
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await SendAsync(HttpMethod.Post, $"api/v1/runs/{runId}/finish", request, cancellationToken);
                return;
            }
            catch (ExperimentHubException e) when (EndedRunStatus(e) is { } ended && ended == status)
            {
                return;
            }
            catch (Exception e) when (attempt < FinishAttempts && IsTransient(e, cancellationToken))
            {
                await Task.Delay(delay, cancellationToken);
                delay *= 2;
            }
        }
    }

    private const int FinishAttempts = 5;

    /// <summary>The final status a refusal because the run has ended names (409 for a second finish, 401 for its dead token).</summary>
    private static string? EndedRunStatus(ExperimentHubException refusal) =>
        refusal.Status is HttpStatusCode.Conflict or HttpStatusCode.Unauthorized
        && refusal.Problem is { ValueKind: JsonValueKind.Object } problem
        && problem.TryGetProperty(RunEndedProblem.RunStatus, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>A failure worth another try: the server could not be reached or answered that it is busy or broken for now.</summary>
    internal static bool IsTransient(Exception failure, CancellationToken cancellationToken) => failure switch
    {
        HttpRequestException => true,
        TaskCanceledException => !cancellationToken.IsCancellationRequested,
        ExperimentHubException { Status: { } s } => (int)s >= 500 || s is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout,
        _ => false,
    };

    /// <summary>Streams <paramref name="content"/> to the run's artifact at <paramref name="path"/>.</summary>
    public async Task UploadArtifactAsync(long runId, string path, Stream content, string contentType = "application/octet-stream", CancellationToken cancellationToken = default)
    {
        using var body = new StreamContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var response = await SendAsync(HttpMethod.Put, ArtifactPath(runId, path), body, cancellationToken);
    }

    /// <summary>The run's artifacts (the stored model under <c>model/</c> among them).</summary>
    public Task<IReadOnlyList<ArtifactDto>> ListArtifactsAsync(long runId, CancellationToken cancellationToken = default) =>
        SendJsonAsync<IReadOnlyList<ArtifactDto>>(HttpMethod.Get, $"api/v1/runs/{runId}/artifacts", null, cancellationToken);

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
    public Task<SweepDto> SubmitSweepAsync(string project, string specText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(specText);
        var mediaType = specText.AsSpan().TrimStart().StartsWith("{") ? "application/json" : "application/yaml";
        var content = new StringContent(specText, Encoding.UTF8, mediaType);
        return SendJsonAsync<SweepDto>(HttpMethod.Post, $"api/v1/projects/{Uri.EscapeDataString(project)}/sweeps", content, cancellationToken);
    }

    public Task<SweepDto> GetSweepAsync(long sweepId, CancellationToken cancellationToken = default) =>
        SendJsonAsync<SweepDto>(HttpMethod.Get, $"api/v1/sweeps/{sweepId}", null, cancellationToken);

    public Task<IReadOnlyList<SweepSummaryDto>> ListSweepsAsync(string project, CancellationToken cancellationToken = default) =>
        SendJsonAsync<IReadOnlyList<SweepSummaryDto>>(HttpMethod.Get, $"api/v1/projects/{Uri.EscapeDataString(project)}/sweeps", null, cancellationToken);

    public Task<IReadOnlyList<TrialDto>> GetTrialsAsync(long sweepId, CancellationToken cancellationToken = default) =>
        SendJsonAsync<IReadOnlyList<TrialDto>>(HttpMethod.Get, $"api/v1/sweeps/{sweepId}/trials", null, cancellationToken);

    public Task<SweepDto> PauseSweepAsync(long sweepId, CancellationToken cancellationToken = default) =>
        SendJsonAsync<SweepDto>(HttpMethod.Post, $"api/v1/sweeps/{sweepId}/pause", null, cancellationToken);

    public Task<SweepDto> ResumeSweepAsync(long sweepId, CancellationToken cancellationToken = default) =>
        SendJsonAsync<SweepDto>(HttpMethod.Post, $"api/v1/sweeps/{sweepId}/resume", null, cancellationToken);

    /// <summary>Stops a sweep: its running trials are told to stop, and no new ones start.</summary>
    public Task<SweepDto> StopSweepAsync(long sweepId, CancellationToken cancellationToken = default) =>
        SendJsonAsync<SweepDto>(HttpMethod.Post, $"api/v1/sweeps/{sweepId}/stop", null, cancellationToken);

    /// <summary>Adds <paramref name="trials"/> to a sweep's budget; a finished sweep continues from its history.</summary>
    public Task<SweepDto> ExtendSweepAsync(long sweepId, int trials, CancellationToken cancellationToken = default) =>
        SendJsonAsync<SweepDto>(HttpMethod.Post, $"api/v1/sweeps/{sweepId}/extend", new ExtendSweepRequest(trials), cancellationToken);

    /// <summary>
    /// The next trial of a sweep without a command (ask/tell), or null when the sweep hands out no more (its budget is
    /// spent). A sweep with <c>parallel</c> trials untold answers 409 (an <see cref="ExperimentHubException"/>).
    /// </summary>
    public async Task<AskedTrialDto?> AskAsync(long sweepId, CancellationToken cancellationToken = default)
    {
        try
        {
            return await SendJsonAsync<AskedTrialDto>(HttpMethod.Post, $"api/v1/sweeps/{sweepId}/ask", null, cancellationToken);
        }
        catch (ExperimentHubException ex) when (ex.Status == HttpStatusCode.Conflict
            && ex.Problem is { ValueKind: JsonValueKind.Object } problem
            && problem.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String && code.GetString() == "done")
        {
            return null;
        }
    }

    /// <summary>Tells an asked trial's objective values (and any other final metrics).</summary>
    public Task<TrialDto> TellAsync(long trialId, IReadOnlyDictionary<string, double> values, CancellationToken cancellationToken = default) =>
        SendJsonAsync<TrialDto>(HttpMethod.Post, $"api/v1/trials/{trialId}/tell", new TellRequest(Values: values), cancellationToken);

    /// <summary>Tells that an asked trial could not be evaluated, and why.</summary>
    public Task<TrialDto> TellFailedAsync(long trialId, string reason, CancellationToken cancellationToken = default) =>
        SendJsonAsync<TrialDto>(HttpMethod.Post, $"api/v1/trials/{trialId}/tell", new TellRequest(Status: "failed", Reason: reason), cancellationToken);

    public Task<IReadOnlyList<AgentDto>> ListAgentsAsync(CancellationToken cancellationToken = default) =>
        SendJsonAsync<IReadOnlyList<AgentDto>>(HttpMethod.Get, "api/v1/agents", null, cancellationToken);

    /// <summary>The run catalog (format csv, jsonl or parquet) as a stream the caller disposes.</summary>
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
        if (ArtifactPaths.Validate(path) is { } error)
        {
            throw new ArgumentException($"artifact path '{path}': {error}", nameof(path));
        }
        return $"api/v1/runs/{runId}/artifacts/" + string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
    }

    private async Task<T> SendJsonAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, body, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, cancellationToken)
            ?? throw new ExperimentHubException($"{method} {path}: empty response");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Content = body switch
        {
            null => null,
            HttpContent content => content,
            _ => JsonContent.Create(body, body.GetType(), options: ApiJson.Options),
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
