using System.Net;
using System.Text;
using System.Text.Json;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Notifications;
using ExperimentHub.Server.Tests.Dispatch;
using ExperimentHub.Server.Tests.Infrastructure;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ExperimentHub.Server.Tests.Notifications;

/// <summary>
/// A delivery whose job was lost (its enqueue failed after the row was saved) is sent by the resend job once it is
/// overdue, and two jobs for one delivery never send it twice.
/// </summary>
public sealed class StrandedNotificationTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _data = new("stranded-notify");
    private readonly FailingDeliveryEnqueue _enqueue = new();
    private DispatchHost _host = null!;
    private WebApplicationFactory<Program> _app = null!;
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _host = new DispatchHost(_data.Path, settings: new Dictionary<string, string> { ["ExperimentHub:Jobs:PollIntervalMilliseconds"] = "200" });
        _app = _host.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
        {
            services.RemoveAll<IBackgroundJobClient>();
            services.AddSingleton<IBackgroundJobClient>(sp =>
            {
                _enqueue.Inner = new BackgroundJobClient(sp.GetRequiredService<JobStorage>());
                return _enqueue;
            });
        }));
    }

    [Fact]
    public async Task A_delivery_whose_enqueue_failed_is_sent_once_by_the_resend_job_when_overdue()
    {
        var sweep = await SubmitAsync($"notify:\n  - {{webhook: \"{_receiver.Url("ok/hook")}\", on: [completed]}}\n");
        _enqueue.FailDeliveries = true;
        await Planner.SweepStatusChangedAsync(sweep, SweepStatus.Completed, "ran its budget", CancellationToken.None);
        _enqueue.FailDeliveries = false;
        var stranded = Assert.Single(await DeliveriesAsync(sweep));
        Assert.Equal(DeliveryStatus.Pending, stranded.Status);
        Assert.Equal(0, stranded.Attempts);
        Assert.Equal(1, _enqueue.Refused);

        // Not yet overdue: its job may only be late.
        await Jobs.ResendStrandedAsync(CancellationToken.None);
        Assert.Equal(0, _enqueue.DeliveriesQueued);

        _host.Clock.Advance(NotificationJobs.StrandedMargin + Options.NextTryDueWithin(0) + TimeSpan.FromSeconds(1));
        await Jobs.ResendStrandedAsync(CancellationToken.None);
        Assert.Equal(1, _enqueue.DeliveriesQueued);
        var sent = await Eventually.GetAsync(() => DeliveriesAsync(sweep), rows => rows[0].Status != DeliveryStatus.Pending, "the resent delivery to be marked");
        Assert.Equal(DeliveryStatus.Delivered, sent[0].Status);
        Assert.Equal(1, sent[0].Attempts);
        Assert.Single(_receiver.Received, w => w.Path == "/ok/hook");

        // Sent: neither the resend job nor a late job for it sends it again.
        await Jobs.ResendStrandedAsync(CancellationToken.None);
        Assert.Equal(1, _enqueue.DeliveriesQueued);
        await Jobs.DeliverAsync(stranded.Id, CancellationToken.None);
        Assert.Single(_receiver.Received, w => w.Path == "/ok/hook");
    }

    [Fact]
    public async Task A_second_job_for_a_delivery_being_sent_leaves_it_to_the_first()
    {
        var sweep = await SubmitAsync($"notify:\n  - {{webhook: \"{_receiver.Url("held/hook")}\", on: [completed]}}\n");
        // Its own job would race this test's two: the row is saved and its job is lost, as above.
        _enqueue.FailDeliveries = true;
        await Planner.SweepStatusChangedAsync(sweep, SweepStatus.Completed, "ran its budget", CancellationToken.None);
        var delivery = Assert.Single(await DeliveriesAsync(sweep));

        var first = Jobs.DeliverAsync(delivery.Id, CancellationToken.None);
        await Eventually.TrueAsync(() => _receiver.Received.Count == 1, "the first job's request, held by the receiver");
        // The first job holds the delivery: the second finds it being sent and ends without sending.
        await Eventually.ResultAsync(Jobs.DeliverAsync(delivery.Id, CancellationToken.None).ContinueWith(_ => true, TaskScheduler.Default), "the second job");
        Assert.Single(_receiver.Received);

        _receiver.ReleaseHeld();
        await first;
        var rows = await DeliveriesAsync(sweep);
        Assert.Equal(DeliveryStatus.Delivered, rows[0].Status);
        Assert.Equal(1, rows[0].Attempts);
        Assert.Single(_receiver.Received);
    }

    private NotificationPlanner Planner => _app.Services.GetRequiredService<NotificationPlanner>();

    private NotificationJobs Jobs => ActivatorUtilities.CreateInstance<NotificationJobs>(_app.Services);

    private NotificationsOptions Options => _app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<NotificationsOptions>>().Value;

    private async Task<List<NotificationDelivery>> DeliveriesAsync(long sweepId)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<ExperimentHubDb>>().CreateDbContextAsync();
        return await db.NotificationDeliveries.AsNoTracking().Where(d => d.SweepId == sweepId).OrderBy(d => d.Id).ToListAsync();
    }

    private async Task<long> SubmitAsync(string notify)
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", DispatchHost.AdminKey);
        using (var project = await client.PostAsync("/api/v1/projects", new StringContent("""{"key": "p", "name": "p"}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.Created, project.StatusCode);
        }
        using var content = new StringContent(SpecTexts.Random(trials: 2, parallel: 1, extra: notify), Encoding.UTF8, "application/yaml");
        using var response = await client.PostAsync("/api/v1/projects/p/sweeps", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("id").GetInt64();
    }

    public async Task DisposeAsync()
    {
        _receiver.ReleaseHeld();
        await _app.DisposeAsync();
        await _host.DisposeAsync();
        await _receiver.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>Hangfire's client, except that it refuses to queue delivery jobs while told to (the storage failing at that moment).</summary>
    private sealed class FailingDeliveryEnqueue : IBackgroundJobClient
    {
        private int _refused;
        private int _queued;

        public BackgroundJobClient Inner { get; set; } = null!;

        public bool FailDeliveries { get; set; }

        public int Refused => Volatile.Read(ref _refused);

        /// <summary>Delivery jobs queued through this client (the planner's and the resend job's).</summary>
        public int DeliveriesQueued => Volatile.Read(ref _queued);

        public string Create(Job job, IState state)
        {
            if (job.Method.Name == nameof(NotificationJobs.DeliverAsync))
            {
                if (FailDeliveries)
                {
                    Interlocked.Increment(ref _refused);
                    throw new InvalidOperationException("the job storage is unreachable");
                }
                Interlocked.Increment(ref _queued);
            }
            return Inner.Create(job, state);
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => Inner.ChangeState(jobId, state, expectedState);
    }
}
