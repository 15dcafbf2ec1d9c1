using ExperimentHub.E2E.Tests.Infrastructure;
using ExperimentHub.Testing;

namespace ExperimentHub.E2E.Tests.Reliability;

[Collection(ReliabilityCollection.Name)]
public sealed class AgentLossTests
{
    [Fact]
    public async Task Agent_killed_mid_trial_has_its_trial_requeued_after_the_lease_and_the_budget_is_met_exactly()
    {
        await using var cluster = await AgentCluster.StartAsync(leaseSeconds: 3);
        var first = await cluster.StartAgentAsync();
        var second = await cluster.StartAgentAsync();
        var project = await cluster.CreateProjectAsync("kill");
        var sweep = await cluster.Client.SubmitSweepAsync(project,
            SweepSpecs.Synthetic("agent-killed", trials: 3, parallel: 1, epochs: 8, secondsPerEpoch: 0.4));

        // The one active trial, once its process runs and has reported a metric: then the kill is mid-trial.
        var victim = await Eventually.ValueAsync(async () =>
        {
            var running = (await cluster.Client.GetTrialsAsync(sweep.Id)).FirstOrDefault(t => t.Status == "running");
            if (running is null || (await cluster.Client.GetRunAsync(running.RunId)).Summary is not { Count: > 0 })
            {
                return null;
            }
            return running;
        }, "a trial to run and report metrics", TimeSpan.FromSeconds(30));
        var holder = cluster.AgentById(victim.AgentId) ?? throw new InvalidOperationException($"trial {victim.RunId} is held by unknown agent {victim.AgentId}");
        var survivor = holder == first ? second : first;
        await holder.KillAsync();

        var done = await cluster.WaitForSweepAsync(sweep.Id, s => s.IsFinished, TimeSpan.FromSeconds(60), "the sweep to finish after the agent was killed");

        var context = await cluster.DescribeAsync(sweep.Id);
        Assert.True(done.Status == "completed", context);
        Assert.Equal(3, done.TrialsCompleted);
        Assert.Equal(0, done.TrialsFailed);
        var trials = await cluster.Client.GetTrialsAsync(sweep.Id);
        // Exactly the budget: the lost trial was run again as itself, not replaced by an extra one.
        Assert.Equal(3, trials.Count);
        Assert.All(trials, t => Assert.Equal("completed", t.Status));
        Assert.Equal([1, 2, 3], trials.Select(t => t.TrialNumber).Order());
        var requeued = Assert.Single(trials, t => t.RunId == victim.RunId);
        Assert.True(requeued.Attempt >= 2, $"the killed trial ran {requeued.Attempt} time(s){Environment.NewLine}{context}");
        Assert.Equal(cluster.AgentId(survivor), requeued.AgentId);
        Assert.False(survivor.HasExited, survivor.OutputTail);

        // Its curve holds each step once, although two attempts reported it.
        var curve = await cluster.Client.GetSeriesAsync(victim.RunId, "val_loss", maxPoints: 1000);
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (long)i), curve.Points.Select(p => p.Step));
    }
}
