namespace ExperimentHub.Client.Tests;

/// <summary>
/// Sends every request to the server, but loses the answer of the first finish after the server stored it (the
/// connection breaks on the way back), so the client's finish is tried again against a run that has ended.
/// </summary>
internal sealed class LostFinishAnswerHandler() : DelegatingHandler(new HttpClientHandler())
{
    private int _finishes;

    /// <summary>The server's answer to each finish that reached it.</summary>
    public List<int> FinishStatuses { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Method != HttpMethod.Post || request.RequestUri?.AbsolutePath.EndsWith("/finish", StringComparison.Ordinal) != true)
        {
            return response;
        }
        lock (FinishStatuses)
        {
            FinishStatuses.Add((int)response.StatusCode);
        }
        if (Interlocked.Increment(ref _finishes) == 1)
        {
            response.Dispose();
            throw new HttpRequestException("the connection was reset before the answer arrived");
        }
        return response;
    }
}
