using System.Net;
using System.Text.Json;
using ExperimentHub.Contracts.Api;

namespace ExperimentHub.Client;

/// <summary>The server refused a request; <see cref="Problem"/> holds its RFC 7807 details.</summary>
public sealed class ExperimentHubException : Exception
{
    public ExperimentHubException(string message, HttpStatusCode? status = null, JsonElement? problem = null, Exception? inner = null)
        : base(message, inner)
    {
        Status = status;
        Problem = problem;
    }

    public ExperimentHubException() : this("ExperimentHub request failed")
    {
    }

    public ExperimentHubException(string message) : this(message, null, null, null)
    {
    }

    public ExperimentHubException(string message, Exception inner) : this(message, null, null, inner)
    {
    }

    public HttpStatusCode? Status { get; }

    public JsonElement? Problem { get; }

    /// <summary>The errors of a refused sweep spec (the problem's <c>specErrors</c>), each with its path, line and column.</summary>
    public IReadOnlyList<SpecErrorDto> SpecErrors =>
        Problem is { ValueKind: JsonValueKind.Object } p && p.TryGetProperty("specErrors", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.Deserialize<List<SpecErrorDto>>(ApiJson.Options) ?? []
            : [];
}
