using ExperimentHub.E2E.Tests.Reliability;
using ExperimentHub.Server.Compute;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Testing;
using ExperimentHub.Testing.Ec2;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.E2E.Tests.Compute;

/// <summary>
/// ec2 sweeps against the EC2 test endpoint: instances launched on spot, tagged with the sweep, running real agents
/// with a key for that sweep alone, shrunk when the work is done, every one terminated at the end; a spot
/// interruption that hands its trial back; a capacity error shown on the sweep and retried.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class Ec2SweepTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task Spot_sweep_runs_to_completion_on_its_own_instances_and_leaves_none_running()
    {
        await using var cluster = await Ec2Cluster.StartAsync();
        await cluster.Client.CreateProjectAsync("cloud", "Cloud");
        var spec = SweepSpecs.Synthetic("ec2-spot", trials: 4, parallel: 2, epochs: 3, secondsPerEpoch: 0.1,
            extra: "resources: {backend: ec2, instances: 2, instance_type: g5.xlarge, spot: true, max_price: 0.5}");
        var sweep = await cluster.Client.SubmitSweepAsync("cloud", spec);

        var done = await Eventually.GetAsync(() => cluster.Client.GetSweepAsync(sweep.Id), s => s.IsFinished,
            "the ec2 sweep to finish\n" + cluster.Describe(), Long);
        Assert.True(done.Status == "completed", $"{done.Status}: {done.StatusReason}\n{cluster.Describe()}");
        Assert.Equal(4, done.TrialsCompleted);
        Assert.Equal("ec2", done.ComputeBackend);

        await Eventually.TrueAsync(() => cluster.Alive.Count == 0, "every instance to be terminated\n" + cluster.Describe(), Long);
        var instances = cluster.Endpoint.Instances;
        Assert.InRange(instances.Count, 1, 4);
        Assert.InRange(cluster.Endpoint.MaxAlive, 1, 2);
        Assert.All(instances, i =>
        {
            Assert.True(i.Spot);
            Assert.Equal("g5.xlarge", i.InstanceType);
            Assert.Equal("0.5", i.MaxPrice);
            Assert.Equal(sweep.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), i.Tags[ComputeTags.Sweep]);
            Assert.DoesNotContain(ExperimentHubServerOptions.DefaultAdminKey, i.UserData, StringComparison.Ordinal);
        });

        // Every trial ran on an instance's agent, the rows are all terminated with a reason, and the sweep has a cost.
        var trials = await cluster.Client.GetTrialsAsync(sweep.Id);
        var rows = await cluster.Server.Services.GetRequiredService<ComputeInstanceStore>().ListForSweepAsync(sweep.Id, CancellationToken.None);
        Assert.Equal(instances.Count, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.Equal(ComputeInstanceState.Terminated, r.State);
            Assert.NotNull(r.StateReason);
            Assert.Equal(0.0322, r.HourlyPrice!.Value, 6);
        });
        var agents = rows.Select(r => r.AgentId).ToHashSet();
        Assert.All(trials, t => Assert.Contains(t.AgentId, agents));
        var final = await cluster.Client.GetSweepAsync(sweep.Id);
        Assert.True(final.CostDollars > 0, $"cost {final.CostDollars}");
    }

    [Fact]
    public async Task Spot_interruption_hands_the_trial_back_and_it_completes_on_another_instance()
    {
        await using var cluster = await Ec2Cluster.StartAsync();
        cluster.Endpoint.InterruptionGrace = TimeSpan.FromSeconds(30);
        await cluster.Client.CreateProjectAsync("cloud", "Cloud");
        // The trial outlasts the agent's 5 s poll of the notice by a wide margin, or it could end before the notice is seen.
        var spec = SweepSpecs.Synthetic("ec2-interrupted", trials: 1, parallel: 1, epochs: 150, secondsPerEpoch: 0.1,
            extra: "resources: {backend: ec2, instances: 1, instance_type: m5.large, spot: true}");
        var sweep = await cluster.Client.SubmitSweepAsync("cloud", spec);

        var running = await Eventually.GetAsync(() => cluster.Client.GetTrialsAsync(sweep.Id), t => t.Count == 1 && t[0].Status == "running",
            "the trial to run on the first instance\n" + cluster.Describe(), Long);
        var first = Assert.Single(cluster.Endpoint.Instances);
        cluster.Endpoint.InterruptSpot(first.Id);

        var done = await Eventually.GetAsync(() => cluster.Client.GetSweepAsync(sweep.Id), s => s.IsFinished,
            "the sweep to finish after the interruption\n" + cluster.Describe(), Long);
        Assert.True(done.Status == "completed", $"{done.Status}: {done.StatusReason}\n{cluster.Describe()}");
        var trial = Assert.Single(await cluster.Client.GetTrialsAsync(sweep.Id));
        Assert.Equal("completed", trial.Status);
        Assert.True(trial.Attempt == 2, $"attempt {trial.Attempt}, expected 2\n{cluster.Describe()}\nthe first instance's output:\n{first.Output}");
        Assert.NotEqual(running[0].AgentId, trial.AgentId);
        Assert.Contains("spot interruption", first.Output, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("Server.SpotInstanceTermination", first.StateReason, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => cluster.Alive.Count == 0, "every instance to be terminated\n" + cluster.Describe(), Long);
        // The interrupted instance and its one replacement; more means instances were launched and lost (seen once
        // under heavy load: 10): the description says which ended why.
        Assert.True(cluster.Endpoint.Instances.Count == 2, $"{cluster.Endpoint.Instances.Count} instances launched\n{cluster.Describe()}");
    }

    [Fact]
    public async Task Capacity_errors_show_on_the_sweep_and_are_retried_until_an_instance_starts()
    {
        await using var cluster = await Ec2Cluster.StartAsync();
        cluster.Endpoint.FailLaunches(new Ec2LaunchFailure("InsufficientInstanceCapacity",
            "We currently do not have sufficient t3.small capacity in the Availability Zone you requested.", Times: 3));
        await cluster.Client.CreateProjectAsync("cloud", "Cloud");
        var spec = SweepSpecs.Synthetic("ec2-capacity", trials: 1, parallel: 1, epochs: 2, secondsPerEpoch: 0.1,
            extra: "resources: {backend: ec2, instances: 1, instance_type: t3.small}");
        var sweep = await cluster.Client.SubmitSweepAsync("cloud", spec);

        var refused = await Eventually.GetAsync(() => cluster.Client.GetSweepAsync(sweep.Id), s => s.ComputeProblem is not null,
            "the capacity error to show on the sweep", Long);
        Assert.Contains("InsufficientInstanceCapacity", refused.ComputeProblem, StringComparison.Ordinal);
        Assert.Contains("trying again", refused.ComputeProblem, StringComparison.Ordinal);

        var done = await Eventually.GetAsync(() => cluster.Client.GetSweepAsync(sweep.Id), s => s.IsFinished,
            "the sweep to finish once capacity came\n" + cluster.Describe(), Long);
        Assert.True(done.Status == "completed", $"{done.Status}: {done.StatusReason}\n{cluster.Describe()}");
        Assert.Null(done.ComputeProblem);
        Assert.Equal(4, cluster.Endpoint.Calls.Count(c => c == "RunInstances"));
        var instance = Assert.Single(cluster.Endpoint.Instances);
        Assert.False(instance.Spot);
        await Eventually.TrueAsync(() => cluster.Alive.Count == 0, "the instance to be terminated\n" + cluster.Describe(), Long);
        // On demand, priced from the configured price list.
        var row = Assert.Single(await cluster.Server.Services.GetRequiredService<ComputeInstanceStore>().ListForSweepAsync(sweep.Id, CancellationToken.None));
        Assert.Equal(0.0208, row.HourlyPrice);
    }

    [Fact]
    public async Task A_spec_asking_for_ec2_on_a_server_without_ec2_settings_is_refused_naming_the_setting()
    {
        await using var server = await ExperimentHubServer.StartAsync();
        using var client = new ExperimentHub.Client.ExperimentHubClient(server.Address, server.AdminKey);
        await client.CreateProjectAsync("cloud", "Cloud");
        var spec = SweepSpecs.Synthetic("no-ec2", trials: 1, parallel: 1, extra: "resources: {backend: ec2, instances: 2}");
        var error = await Assert.ThrowsAsync<ExperimentHub.Client.ExperimentHubException>(() => client.SubmitSweepAsync("cloud", spec));
        var problem = Assert.Single(error.SpecErrors);
        Assert.Equal("resources.backend", problem.Path);
        Assert.Contains("ExperimentHub:Ec2:ImageId", problem.Message, StringComparison.Ordinal);
        Assert.Empty(await client.ListSweepsAsync("cloud"));
    }

    [Fact]
    public async Task A_spec_asking_for_slurm_on_a_server_that_does_not_submit_to_slurm_is_refused_naming_the_setting()
    {
        await using var server = await ExperimentHubServer.StartAsync();
        using var client = new ExperimentHub.Client.ExperimentHubClient(server.Address, server.AdminKey);
        await client.CreateProjectAsync("hpc", "HPC");
        var spec = SweepSpecs.Synthetic("no-slurm", trials: 1, parallel: 1, extra: "resources: {backend: slurm, instances: 2, partition: gpu}");
        var error = await Assert.ThrowsAsync<ExperimentHub.Client.ExperimentHubException>(() => client.SubmitSweepAsync("hpc", spec));
        var problem = Assert.Single(error.SpecErrors);
        Assert.Equal("resources.backend", problem.Path);
        Assert.Contains("ExperimentHub:Slurm:Enabled", problem.Message, StringComparison.Ordinal);
        Assert.Empty(await client.ListSweepsAsync("hpc"));
    }
}
