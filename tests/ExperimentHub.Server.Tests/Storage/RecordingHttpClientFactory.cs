using System.Collections.Concurrent;
using System.Globalization;
using Amazon.Runtime;

namespace ExperimentHub.Server.Tests.Storage;

/// <summary>Gives the AWS SDK an HttpClient that notes each request as "METHOD /path?query STATUS", to see what the store sent.</summary>
internal sealed class RecordingHttpClientFactory : HttpClientFactory
{
    private readonly ConcurrentQueue<string> _requests = new();

    public IReadOnlyList<string> Requests => [.. _requests];

    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new RecordingHandler(_requests));

    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => true;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    public override string? GetConfigUniqueString(IClientConfig clientConfig) => null;

    private sealed class RecordingHandler(ConcurrentQueue<string> requests) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            requests.Enqueue(string.Create(CultureInfo.InvariantCulture,
                $"{request.Method} {request.RequestUri?.PathAndQuery} {(int)response.StatusCode}"));
            return response;
        }
    }
}
