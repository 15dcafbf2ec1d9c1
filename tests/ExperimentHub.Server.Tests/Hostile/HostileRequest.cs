namespace ExperimentHub.Server.Tests.Hostile;

/// <summary>One generated attack: which endpoint it aims at, what kind of input it is, and the request itself.</summary>
/// <param name="Endpoint">The route template, such as <c>POST /api/v1/runs/{id}/metrics</c>; counts group by it.</param>
/// <param name="Kind">What is hostile about it (forged key, malformed JSON, traversal, ...).</param>
/// <param name="Key">The bearer key sent; null sends none.</param>
public sealed record HostileRequest(string Endpoint, string Kind, HttpMethod Method, string Path, string? Key, Func<HttpContent?> Body);
