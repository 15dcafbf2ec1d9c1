using ExperimentHub.Server.Compute;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Compute;

/// <summary>The scaler: as many instances as the work fills, never more than resources.instances, backoff after refusals.</summary>
public sealed class ComputeScalerTests() : ComputeTestBase(new Dictionary<string, string>
{
    ["ExperimentHub:Compute:RetryInitialSeconds"] = "30",
    ["ExperimentHub:Compute:RetryMaxSeconds"] = "100",
})
{
    [Fact]
    public async Task Starts_as_many_instances_as_the_work_fills_and_never_more_than_instances()
    {
        var small = await SubmitAsync(Ec2Spec(trials: 10, parallel: 2, instances: 5));
        var big = await SubmitAsync(Ec2Spec(trials: 10, parallel: 8, instances: 3));
        for (var pass = 0; pass < 3; pass++)
        {
            await Scaler.RunOnceAsync(CancellationToken.None);
        }
        Assert.Equal(2, (await InstancesAsync(small)).Count);
        Assert.Equal(3, (await InstancesAsync(big)).Count);
        Assert.All(Backend.Started, r => Assert.Equal("g5.xlarge", r.Resources.InstanceType));
        Assert.Equal(5, Backend.Started.Select(r => r.AgentKey).Distinct().Count());
    }

    [Fact]
    public async Task Refusals_show_on_the_sweep_and_are_retried_with_a_doubling_wait()
    {
        var sweep = await SubmitAsync(Ec2Spec(trials: 4, parallel: 1, instances: 1));
        Backend.Refuse(new CapacityException("EC2 refused: InsufficientInstanceCapacity: none left", "InsufficientInstanceCapacity", retryable: true));
        Backend.Refuse(new CapacityException("EC2 refused: InstanceLimitExceeded: quota", "InstanceLimitExceeded", retryable: true));

        await Scaler.RunOnceAsync(CancellationToken.None);
        var dto = (await Sweeps.GetAsync(sweep, CancellationToken.None))!;
        Assert.StartsWith("EC2 refused: InsufficientInstanceCapacity", dto.ComputeProblem, StringComparison.Ordinal);
        Assert.Contains("refused 1 time;", dto.ComputeProblem, StringComparison.Ordinal);
        Assert.Empty(Backend.Running);

        // Not before the wait is over: 30 s, then 60 s.
        Clock.Advance(TimeSpan.FromSeconds(29));
        await Scaler.RunOnceAsync(CancellationToken.None);
        Assert.Contains("InsufficientInstanceCapacity", (await Sweeps.GetAsync(sweep, CancellationToken.None))!.ComputeProblem, StringComparison.Ordinal);
        Clock.Advance(TimeSpan.FromSeconds(2));
        await Scaler.RunOnceAsync(CancellationToken.None);
        dto = (await Sweeps.GetAsync(sweep, CancellationToken.None))!;
        Assert.StartsWith("EC2 refused: InstanceLimitExceeded", dto.ComputeProblem, StringComparison.Ordinal);
        Assert.Contains("refused 2 times;", dto.ComputeProblem, StringComparison.Ordinal);
        Clock.Advance(TimeSpan.FromSeconds(59));
        await Scaler.RunOnceAsync(CancellationToken.None);
        Assert.Empty(Backend.Running);
        Clock.Advance(TimeSpan.FromSeconds(2));
        await Scaler.RunOnceAsync(CancellationToken.None);
        Assert.Single(Backend.Running);
        Assert.Null((await Sweeps.GetAsync(sweep, CancellationToken.None))!.ComputeProblem);
    }

    [Fact]
    public async Task A_start_that_fails_otherwise_than_by_a_refusal_revokes_the_agent_key_it_issued()
    {
        var sweep = await SubmitAsync(Ec2Spec(trials: 4, parallel: 1, instances: 1));
        Backend.Failure = new InvalidOperationException("the EC2 endpoint is unreachable");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => Scaler.RunOnceAsync(CancellationToken.None));
        Assert.Equal("the EC2 endpoint is unreachable", thrown.Message);

        Assert.Empty(await InstancesAsync(sweep));
        await using var db = await Services.GetRequiredService<IDbContextFactory<ExperimentHubDb>>().CreateDbContextAsync();
        var issued = await db.ApiKeys.AsNoTracking().Where(k => k.Scope == ApiKeyScope.SweepAgent && k.SweepId == sweep).ToListAsync();
        Assert.NotEmpty(issued);
        Assert.All(issued, k => Assert.NotNull(k.RevokedAt));
    }
}
