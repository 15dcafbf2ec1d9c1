using ExperimentHub.Core.Specs;

namespace ExperimentHub.Core.Tests.Specs;

/// <summary>The spec's resources (agents, ec2, slurm) and budget.dollars.</summary>
public sealed class ResourcesSpecTests
{
    [Fact]
    public void Without_resources_a_sweep_runs_on_agents()
    {
        var spec = SpecAssert.Valid(SweepSpecParser.ParseYaml(SpecTexts.Minimal));
        Assert.Equal(ComputeBackend.Agents, spec.Resources.Backend);
        Assert.Null(spec.Budget.Dollars);
    }

    [Fact]
    public void Ec2_spot_resources_and_a_dollar_budget_are_read_and_written_back()
    {
        var spec = SpecAssert.Valid(SweepSpecParser.ParseYaml(WithDollars
            + "resources: {backend: ec2, instances: 4, instance_type: g5.xlarge, spot: true, max_price: 0.6, slots: 2}\n"));
        Assert.Equal(25, spec.Budget.Dollars);
        Assert.Equal(new ResourcesSpec { Backend = ComputeBackend.Ec2, Instances = 4, InstanceType = "g5.xlarge", Spot = true, MaxPrice = 0.6, SlotsPerInstance = 2 },
            spec.Resources);
        var again = SpecAssert.Valid(SweepSpecParser.ParseYaml(SweepSpecParser.ToYaml(spec)));
        Assert.Equal(spec.Resources, again.Resources);
        Assert.Equal(25, again.Budget.Dollars);
    }

    [Fact]
    public void A_dollar_budget_is_refused_for_a_sweep_on_agents()
    {
        SpecAssert.HasError(SweepSpecParser.ParseYaml(WithDollars), "budget.dollars", "applies only to resources.backend ec2");
    }

    private static string WithDollars => SpecTexts.Minimal.Replace("  trials: 10\n", "  trials: 10\n  dollars: 25\n", StringComparison.Ordinal);

    [Fact]
    public void Slurm_resources_are_read()
    {
        var spec = SpecAssert.Valid(SweepSpecParser.ParseYaml(SpecTexts.Minimal + "\nresources: {backend: slurm, instances: 3, partition: gpu, time_limit: 120, gpus: 1}\n"));
        Assert.Equal(new ResourcesSpec { Backend = ComputeBackend.Slurm, Instances = 3, Partition = "gpu", TimeLimitMinutes = 120, Gpus = 1 }, spec.Resources);
    }

    [Fact]
    public void Keys_of_another_backend_an_unknown_backend_and_max_price_without_spot_are_refused()
    {
        SpecAssert.HasError(SweepSpecParser.ParseYaml(SpecTexts.Minimal + "\nresources: {backend: slurm, instance_type: g5.xlarge}\n"),
            "resources.instance_type", "does not apply to backend slurm");
        SpecAssert.HasError(SweepSpecParser.ParseYaml(SpecTexts.Minimal + "\nresources: {backend: ec3}\n"), "resources.backend", "did you mean 'ec2'");
        SpecAssert.HasError(SweepSpecParser.ParseYaml(SpecTexts.Minimal + "\nresources: {backend: ec2, max_price: 0.5}\n"), "resources.max_price", "spot: true");
        SpecAssert.HasError(SweepSpecParser.ParseYaml(SpecTexts.Minimal + "\nresources: {backend: ec2, instances: 0}\n"), "resources.instances", "must be between 1 and 1000");
    }
}
