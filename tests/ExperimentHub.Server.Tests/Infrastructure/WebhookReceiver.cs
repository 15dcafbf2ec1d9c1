using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ExperimentHub.Server.Tests.Infrastructure;

/// <summary>
/// A webhook receiver on Kestrel at 127.0.0.1: records every POST (path, headers, body). <c>/ok/...</c> answers 200,
/// <c>/broken/...</c> answers 500, as a receiver that keeps failing; <c>/held/...</c> answers 200 once the test calls
/// <see cref="ReleaseHeld"/>, as a slow receiver.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebhookReceiver(WebApplication app) => _app = app;

    public IReadOnlyCollection<ReceivedWebhook> Received => _received.ToArray();

    /// <summary>Lets every request to <c>/held/...</c> (waiting or to come) have its answer.</summary>
    public void ReleaseHeld() => _held.TrySetResult();

    public string Url(string path) => $"{_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()}/{path.TrimStart('/')}";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", async (HttpContext http, string path) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver._received.Enqueue(new ReceivedWebhook("/" + path,
                http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
            if (path.StartsWith("held", StringComparison.Ordinal))
            {
                await receiver._held.Task;
            }
            return path.StartsWith("broken", StringComparison.Ordinal) ? Results.StatusCode(500) : Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
