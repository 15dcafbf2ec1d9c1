using ExperimentHub.Server.Data;
using ExperimentHub.Server.Tests.Dispatch;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Integrity;

/// <summary>A spec stored before its limits existed must not break the background passes that read it.</summary>
public class StoredAbsurdSpecTests : DispatchTestBase
{
    [Fact]
    public async Task The_reaper_passes_over_a_stored_timeout_of_1e300_minutes_without_throwing()
    {
        var sweep = await SubmitAsync(SpecTexts.Random(trials: 1, parallel: 1, extra: "trial: {timeout_minutes: 1}\n"));
        var agent = Agent("a");
        var trial = (await Eventually.GetAsync(() => agent.RequestAsync(), a => a.Count == 1, "a trial"))[0];
        await agent.StartAsync(trial.RunId);

        await using (var db = await Host.Services.GetRequiredService<IDbContextFactory<ExperimentHubDb>>().CreateDbContextAsync())
        {
            var stored = await db.Sweeps.SingleAsync(s => s.Id == sweep);
            stored.SpecText = stored.SpecText.Replace("timeout_minutes: 1", "timeout_minutes: 1e300", StringComparison.Ordinal);
            await db.SaveChangesAsync();
        }
        Restart(leaseSeconds: 3600);

        await Host.ReapAsync();
        Host.Clock.Advance(TimeSpan.FromMinutes(5));
        await Host.ReapAsync();

        // No deadline was computed from 1e300 minutes; the coordinator's timer pass (run here, not awaited) ends the sweep,
        // whose spec no longer reads, and says why (a known state, logged in one line rather than as a dispatcher fault).
        Assert.NotEqual("timed_out", (await TrialsAsync(sweep))[0].Status);
        await Host.CoordinateAsync();
        var failed = await SweepAsync(sweep);
        Assert.Equal("failed", failed.Status);
        Assert.StartsWith("its stored spec no longer parses: ", failed.StatusReason, StringComparison.Ordinal);
        Assert.Contains("timeout_minutes", failed.StatusReason, StringComparison.Ordinal);
    }
}
