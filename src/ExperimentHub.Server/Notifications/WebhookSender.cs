using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ExperimentHub.Server.Data.Entities;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Notifications;

/// <summary>
/// POSTs a delivery as JSON. The body's <c>text</c> is what Slack-compatible receivers show; the rest is for
/// programs. With a secret set, <c>X-ExperimentHub-Signature-256: sha256=HEX</c> is the HMAC-SHA256 of the exact body.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, IOptions<NotificationsOptions> options)
{
    public const string ClientName = "experimenthub-webhooks";
    public const string SignatureHeader = "X-ExperimentHub-Signature-256";
    public const string EventHeader = "X-ExperimentHub-Event";
    public const string DeliveryHeader = "X-ExperimentHub-Delivery";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Throws <see cref="NotificationFailedException"/> when the receiver does not take it (no answer, or not 2xx).</summary>
    public async Task SendAsync(NotificationDelivery delivery, string? sweepUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            text = sweepUrl is null ? delivery.Text : $"{delivery.Text} <{sweepUrl}|open the sweep>",
            @event = delivery.Event,
            sweepId = delivery.SweepId,
            runId = delivery.RunId,
            url = sweepUrl,
            deliveryId = delivery.Id,
            attempt = delivery.Attempts + 1,
        }, Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(EventHeader, delivery.Event);
        request.Headers.Add(DeliveryHeader, delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Sign(body, options.Value.WebhookSecret) is { } signature)
        {
            request.Headers.Add(SignatureHeader, signature);
        }
        var client = clients.CreateClient(ClientName);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.WebhookTimeoutSeconds));
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, timeout.Token);
        }
        catch (HttpRequestException ex)
        {
            throw new NotificationFailedException($"POST {delivery.Target} failed: {ex.Message}", ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NotificationFailedException($"POST {delivery.Target} got no answer in {options.Value.WebhookTimeoutSeconds} s", ex);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new NotificationFailedException($"POST {delivery.Target} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
        }
    }

    /// <summary>The signature header's value for <paramref name="body"/>; null without a secret.</summary>
    public static string? Sign(ReadOnlySpan<byte> body, string? secret) =>
        string.IsNullOrEmpty(secret)
            ? null
            : "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
