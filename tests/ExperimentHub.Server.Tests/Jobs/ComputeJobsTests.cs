using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Jobs;
using ExperimentHub.Server.Tests.Compute;
using ExperimentHub.Testing;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
    // On PostgreSQL, whose storage wakes a worker as soon as a job is enqueued, the job once ran before the coordinator
    // had queued the new sweep's trials and started nothing: the job now runs a coordinator pass first.
    [Fact]
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

    [Fact]
    public async Task A_compute_job_that_fails_is_logged_as_an_error()
    {
        Backend.Failure = new InvalidOperationException("the EC2 endpoint is unreachable");
        var sweep = await SubmitAsync(Ec2Spec(trials: 4, parallel: 1, instances: 1));

        await Eventually.TrueAsync(async () =>
        {
            await InstancesAMomentLaterAsync(sweep);
            return Logs.Entries.Any(e => e.Level == LogLevel.Error && e.Category == typeof(ComputeJobs).FullName
                && e.Message.Contains("The scaler's pass failed: the EC2 endpoint is unreachable", StringComparison.Ordinal));
        }, "the scaler's failure in the log");
        Assert.Empty(await InstancesAsync(sweep));
    }

    private Task<List<ComputeInstance>> InstancesAMomentLaterAsync(long sweep)
    {
        Clock.Advance(TimeSpan.FromMilliseconds(300));
        return InstancesAsync(sweep);
    }
}
