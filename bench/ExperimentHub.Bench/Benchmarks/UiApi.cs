namespace ExperimentHub.Bench.Benchmarks;

/// <summary>API answers the ui bench depends on: a refusal stops the bench with what the server said.</summary>
internal static class UiApi
{
    public static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"Could not {what}: {(int)response.StatusCode} {response.ReasonPhrase}: {body}");
        }
    }
}
