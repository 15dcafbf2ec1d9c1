using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Jobs;
using ExperimentHub.Server.Tests.Compute;
using ExperimentHub.Testing;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Jobs;

/// <summary>
/// The scaler and the terminator as Hangfire jobs: recurring on the compute interval where a backend is configured,
/// and enqueued at once when a sweep starts, pauses or ends (the interval here is an hour, so only that can act).
/// </summary>
public sealed class ComputeJobsTests() : ComputeTestBase(new Dictionary<string, string>
{
    ["ExperimentHub:Compute:IntervalSeconds"] = "3600",
}, backgroundJobs: true)
{
    // SQLite only for now: on PostgreSQL the job a submit enqueues has not started the instance in 20 s in most runs,
    // with nothing logged (open in issue 14; the recurring jobs themselves run there, RecurringJobsTests).
    [Fact]
    [Trait("Category", "SqliteOnly")]
    public async Task Scaler_and_terminator_are_recurring_jobs_and_a_sweeps_start_and_pause_move_its_instances_at_once()
    {
        var storage = Services.GetRequiredService<JobStorage>();
        using (var connection = storage.GetConnection())
        {
            var recurring = connection.GetRecurringJobs([JobNames.StartCapacity, JobNames.TerminateRunawayCapacity]).Where(j => !j.Removed).ToList();
            Assert.Equal(2, recurring.Count);
            Assert.All(recurring, j => Assert.Equal("0 0 */1 * * *", j.Cron));
        }

        var sweep = await SubmitAsync(Ec2Spec(trials: 4, parallel: 1, instances: 1));
        // The trigger's subscription coalesces changes a quarter of a second apart on the app's (fake) clock, so the
        // clock moves on while the test waits, as time would (by seconds: far from the recurring jobs' hour).
        await Eventually.TrueAsync(async () => (await InstancesAMomentLaterAsync(sweep)).Count == 1, "the submitted sweep's instance, started by the job its submit enqueued");
        Assert.Single(Backend.Running);

        await Sweeps.PauseAsync(sweep, CancellationToken.None);
        await Eventually.TrueAsync(async () => (await InstancesAMomentLaterAsync(sweep)).All(i => i.State == ComputeInstanceState.Terminated),
            "the paused sweep's instance, terminated by the job its pause enqueued");
        Assert.Empty(Backend.Running);
        Assert.Single(Backend.Started);
    }

    private Task<List<ComputeInstance>> InstancesAMomentLaterAsync(long sweep)
    {
        Clock.Advance(TimeSpan.FromMilliseconds(300));
        return InstancesAsync(sweep);
    }
}
