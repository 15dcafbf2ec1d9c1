using ExperimentHub.Agent.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace ExperimentHub.Agent.Tests.SignalR;

public class ReconnectPolicyTests
{
    [Fact]
    public void Delays_double_within_jitter_and_stop_at_the_cap()
    {
        var policy = new ReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(2) };
        var random = new Random(7);

        for (var attempt = 0; attempt < 40; attempt++)
        {
            var full = Math.Min(2000, 100 * Math.Pow(2, attempt));
            var delay = policy.DelayFor(attempt, random).TotalMilliseconds;
            Assert.InRange(delay, full / 2, full);
        }
    }

    [Fact]
    public void Once_the_server_names_its_lease_waits_stay_within_a_quarter_of_it()
    {
        var policy = new ReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(500), MaxDelay = TimeSpan.FromSeconds(30) };
        var random = new Random(3);
        Assert.InRange(policy.DelayFor(10, random).TotalSeconds, 15, 30);

        policy.KeepWithinLease(TimeSpan.FromSeconds(20));
        for (var attempt = 0; attempt < 40; attempt++)
        {
            Assert.InRange(policy.DelayFor(attempt, random).TotalSeconds, 0.25, 5);
        }
        // A lease longer than four times MaxDelay leaves MaxDelay in charge.
        policy.KeepWithinLease(TimeSpan.FromMinutes(10));
        Assert.InRange(policy.DelayFor(10, random).TotalSeconds, 15, 30);
    }

    [Fact]
    public void Jitter_spreads_agents_that_lost_the_server_together()
    {
        var policy = new ReconnectPolicy { InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(30) };
        var random = new Random(1);

        var delays = Enumerable.Range(0, 50).Select(_ => policy.DelayFor(3, random)).Distinct().Count();

        Assert.True(delays > 40, $"only {delays} distinct delays out of 50");
    }

    [Fact]
    public void The_official_clients_reconnect_never_gives_up()
    {
        var policy = new ReconnectPolicy { InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(2) };

        var late = policy.NextRetryDelay(new RetryContext { PreviousRetryCount = 100_000, ElapsedTime = TimeSpan.FromDays(3) });

        Assert.NotNull(late);
        Assert.InRange(late.Value.TotalMilliseconds, 1000, 2000);
    }
}
