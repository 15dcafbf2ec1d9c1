using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Data.Entities;

namespace ExperimentHub.Server.Tests.Data.Entities;

public sealed class ComputeInstanceCostTests
{
    private static readonly DateTimeOffset Launched = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_instance_costs_from_its_launch()
    {
        var instance = new ComputeInstance { ExternalId = "i-1", Backend = ComputeBackend.Ec2, HourlyPrice = 2, LaunchedAt = Launched };
        Assert.Equal(3, instance.CostAt(Launched.AddHours(1.5)));
    }

    [Fact]
    public void A_slurm_job_costs_nothing_while_queued_and_from_its_agents_registration_to_its_end()
    {
        var job = new ComputeInstance { ExternalId = "4711", Backend = ComputeBackend.Slurm, HourlyPrice = 2, LaunchedAt = Launched };
        Assert.Equal(0, job.CostAt(Launched.AddHours(3)));

        job.RegisteredAt = Launched.AddHours(1);
        job.EndedAt = Launched.AddHours(2.5);
        Assert.Equal(3, job.CostAt(Launched.AddHours(10)));
    }

    [Fact]
    public void A_job_without_a_price_has_no_cost()
    {
        var job = new ComputeInstance { ExternalId = "4712", Backend = ComputeBackend.Slurm, LaunchedAt = Launched, RegisteredAt = Launched };
        Assert.Null(job.CostAt(Launched.AddHours(1)));
    }
}
