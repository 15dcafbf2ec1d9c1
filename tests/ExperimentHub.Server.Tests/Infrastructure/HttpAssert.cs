using System.Net;
using System.Text.Json;

namespace ExperimentHub.Server.Tests.Infrastructure;

/// <summary>Checks of problem-details answers.</summary>
public static class HttpAssert
{
    /// <summary>Asserts the status and that <c>errors</c> names <paramref name="field"/>; returns the problem.</summary>
    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.StartsWith("application/problem+json", response.Content.Headers.ContentType?.ToString() ?? "", StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(text);
        var problem = doc.RootElement.Clone();
        Assert.True(problem.TryGetProperty("errors", out var errors), $"no errors in {text}");
        Assert.True(errors.TryGetProperty(field, out _), $"errors do not name '{field}': {text}");
        return problem;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }
}
