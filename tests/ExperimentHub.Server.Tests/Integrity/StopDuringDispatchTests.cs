using System.Net;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Dispatch;
using ExperimentHub.Server.Tests.Dispatch;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Integrity;

/// <summary>A stopped sweep gains no trial, even when the dispatcher read it as running just before the stop.</summary>
public sealed class StopDuringDispatchTests : DispatchTestBase
{
    private const int Rounds = 100;

    [Fact]
    public async Task Trials_suggested_from_a_sweep_read_before_its_stop_are_not_created()
    {
        var id = await SubmitAsync(SpecTexts.Random(trials: 20, parallel: 2));
        await Eventually.GetAsync(() => TrialsAsync(id), t => t.Count == 2, "the first two trials");
        var readBeforeStop = await ReadSweepAsync(id);

        using var client = Host.CreateAdminClient();
        using (var stop = await client.PostAsync($"/api/v1/sweeps/{id}/stop", null))
        {
            Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        }
        await Host.Sweeps.EnqueueTrialsAsync(readBeforeStop, 0, [new PendingTrial(3, "{\"lr\": 0.01, \"layers\": 2}")], CancellationToken.None);

        var trials = await TrialsAsync(id);
        Assert.Equal(2, trials.Count);
        Assert.All(trials, t => Assert.Equal("stopped", t.Status));
    }

    [Fact]
    public async Task A_stop_racing_the_dispatcher_leaves_no_trial_created_after_it()
    {
        using var client = Host.CreateAdminClient();
        for (var round = 0; round < Rounds; round++)
        {
            var id = await SubmitAsync(SpecTexts.Random(trials: 50, parallel: 8));
            using var start = new ManualResetEventSlim();
            var dispatching = Task.Run(async () =>
            {
                start.Wait();
                for (var i = 0; i < 3; i++)
                {
                    await Host.CoordinateAsync();
                }
            });
            var stopping = Task.Run(async () =>
            {
                start.Wait();
                using var stop = await client.PostAsync($"/api/v1/sweeps/{id}/stop", null);
                // Under load a dispatch pass can end the sweep first (409): then it must still gain no trial afterwards.
                Assert.True(stop.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict,
                    $"round {round}: stop answered {(int)stop.StatusCode} {await stop.Content.ReadAsStringAsync()}");
            });
            start.Set();
            await Task.WhenAll(dispatching, stopping);

            var afterStop = await TrialsAsync(id);
            await Host.CoordinateAsync();
            var later = await TrialsAsync(id);
            Assert.True(afterStop.Count == later.Count, $"round {round}: {later.Count - afterStop.Count} trials created after the stop");
            if ((await SweepAsync(id)).Status == "stopped")
            {
                Assert.All(later, t => Assert.True(t.Status == "stopped", $"round {round}: trial {t.TrialNumber} is {t.Status} in a stopped sweep"));
            }
        }
    }

    private async Task<ExperimentHub.Server.Data.Entities.Sweep> ReadSweepAsync(long id)
    {
        await using var db = await Host.Services.GetRequiredService<IDbContextFactory<ExperimentHubDb>>().CreateDbContextAsync();
        return await db.Sweeps.AsNoTracking().SingleAsync(s => s.Id == id);
    }
}
