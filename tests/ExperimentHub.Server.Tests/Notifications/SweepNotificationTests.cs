using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Notifications;
using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Notifications;

/// <summary>A real sweep on the local agent tells a webhook receiver on Kestrel and Debian's aiosmtpd.</summary>
public sealed class SweepNotificationTests
{
    private const string Secret = "webhook-secret-for-tests";

    [Fact]
    public async Task A_sweeps_webhooks_and_email_arrive_signed_and_a_failing_webhook_is_shown_as_failed_without_blocking_the_sweep()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var smtp = await SmtpTestServer.StartAsync();
        using var data = new TemporaryDirectory("notify");
        await using var server = await ExperimentHubServer.StartAsync(o =>
        {
            FastDispatch.Apply(o, data.Path);
            o.Settings["ExperimentHub:LocalAgent:Slots"] = "2";
            o.Settings["ExperimentHub:LocalAgent:Workdir"] = data.Path;
            o.Settings["ExperimentHub:Jobs:PollIntervalMilliseconds"] = "200";
            o.Settings["ExperimentHub:Notifications:WebhookSecret"] = Secret;
            o.Settings["ExperimentHub:Notifications:MaxAttempts"] = "2";
            o.Settings["ExperimentHub:Notifications:RetryBaseSeconds"] = "1";
            o.Settings["ExperimentHub:Notifications:Smtp:Host"] = "127.0.0.1";
            o.Settings["ExperimentHub:Notifications:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            o.Settings["ExperimentHub:Notifications:Smtp:Security"] = "none";
        });
        using var client = server.CreateAdminClient();
        (await client.PostAsJsonAsync("/api/v1/projects", new { key = "notify", name = "notify" })).EnsureSuccessStatusCode();
        var spec = $$"""
            name: notified-sweep
            command: [python3, -c, "print('EXPERIMENTHUB step=1 loss=${x}')"]
            method: random
            objectives:
              - {metric: loss, goal: minimize}
            parameters:
              x: {type: float, min: 0, max: 1}
            budget: {trials: 3, parallel: 1}
            notify:
              - {webhook: "{{receiver.Url("ok/hook")}}", on: [completed, new_best]}
              - {webhook: "{{receiver.Url("broken/hook")}}", on: [completed]}
              - {email: team@example.com, on: [completed, failed]}
            """;
        using var content = new StringContent(spec, Encoding.UTF8, "application/yaml");
        using var submitted = await client.PostAsync("/api/v1/projects/notify/sweeps", content);
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var sweep = await Eventually.GetAsync(() => client.GetFromJsonAsync<JsonElement>($"/api/v1/sweeps/{id}"),
            s => s.GetProperty("status").GetString() != "running", "the sweep to end", TimeSpan.FromSeconds(90));
        Assert.Equal("completed", sweep.GetProperty("status").GetString());

        // The completed webhook: JSON with Slack's text field, signed over the exact body.
        var completed = await Eventually.ValueAsync(() => Task.FromResult(receiver.Received.FirstOrDefault(
            w => w.Path == "/ok/hook" && w.Headers.GetValueOrDefault(WebhookSender.EventHeader) == "completed")), "the completed webhook", TimeSpan.FromSeconds(60));
        using (var body = JsonDocument.Parse(completed.Body))
        {
            var text = body.RootElement.GetProperty("text").GetString()!;
            Assert.StartsWith($"Sweep {id} 'notified-sweep' completed: ran its budget of 3 trials. Best: trial ", text, StringComparison.Ordinal);
            Assert.Equal(id, body.RootElement.GetProperty("sweepId").GetInt64());
        }
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(completed.Body)));
        Assert.Equal(expected, completed.Headers[WebhookSender.SignatureHeader]);
        Assert.StartsWith("application/json", completed.Headers["Content-Type"], StringComparison.Ordinal);

        // At least the first completed trial was a new best.
        var best = await Eventually.ValueAsync(() => Task.FromResult(receiver.Received.FirstOrDefault(
            w => w.Path == "/ok/hook" && w.Headers.GetValueOrDefault(WebhookSender.EventHeader) == "new_best")), "a new_best webhook", TimeSpan.FromSeconds(60));
        Assert.Contains("new best trial", best.Body, StringComparison.Ordinal);

        // The email, through aiosmtpd.
        var mail = await Eventually.ValueAsync(() => Task.FromResult(smtp.Messages() is [var first, ..] ? first : null), "the email", TimeSpan.FromSeconds(60));
        Assert.Contains("To: team@example.com", mail, StringComparison.Ordinal);
        Assert.Contains($"Subject: Sweep {id} 'notified-sweep' completed", mail, StringComparison.Ordinal);

        // The receiver that keeps failing: tried MaxAttempts times, then shown as failed; the sweep had long completed.
        var queries = server.Services.GetRequiredService<INotificationQueries>();
        var failed = await Eventually.ValueAsync(async () => (await queries.ForSweepAsync(id, CancellationToken.None))
            .FirstOrDefault(d => d.Target.EndsWith("/broken/hook", StringComparison.Ordinal) && d.Status == DeliveryStatus.Failed),
            "the broken webhook to be marked failed", TimeSpan.FromSeconds(60));
        Assert.Equal(2, failed.Attempts);
        Assert.Contains("answered 500", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(2, receiver.Received.Count(w => w.Path == "/broken/hook"));
        // A delivery is marked once its receiver answered, so the mail and the webhook above may arrive before their rows say so.
        var all = await Eventually.GetAsync(() => queries.ForSweepAsync(id, CancellationToken.None),
            rows => rows.Any(d => d.Channel == "email" && d.Status != DeliveryStatus.Pending)
                && rows.Any(d => d.Target.EndsWith("/ok/hook", StringComparison.Ordinal) && d.Event == "completed" && d.Status != DeliveryStatus.Pending),
            "the email and the completed webhook to be marked", TimeSpan.FromSeconds(60));
        Assert.Single(all, d => d.Channel == "email" && d.Status == DeliveryStatus.Delivered);
        Assert.Single(all, d => d.Target.EndsWith("/ok/hook", StringComparison.Ordinal) && d.Event == "completed" && d.Status == DeliveryStatus.Delivered);
    }
}
