namespace ExperimentHub.E2E.Tests.Reliability;

[Collection(ReliabilityCollection.Name)]
public sealed class ServerRestartTests
{
    [Fact]
    public async Task Server_killed_mid_sweep_restarts_on_its_data_and_the_sweep_finishes_with_agents_reconnected_keeping_their_trials()
    {
        // A lease longer than a restart takes: agents that come back in time keep the trials they run.
        await using var cluster = await AgentCluster.StartAsync(leaseSeconds: 30);
        var agents = new[] { await cluster.StartAgentAsync(), await cluster.StartAgentAsync() };
        var project = await cluster.CreateProjectAsync("restart");
        var sweep = await cluster.Client.SubmitSweepAsync(project,
            SweepSpecs.Synthetic("server-killed", trials: 6, parallel: 2, epochs: 5, secondsPerEpoch: 0.3));

        await cluster.WaitForSweepAsync(sweep.Id, s => s.TrialsCompleted >= 2 && s.TrialsRunning > 0, TimeSpan.FromSeconds(45),
            "two finished trials and one running");
        var snapshot = await cluster.Client.GetTrialsAsync(sweep.Id);
        var before = snapshot.Where(t => t.Status == "completed").ToList();
        var inFlight = snapshot.Where(t => t.Status is "running" or "leased").Select(t => t.RunId).ToList();
        Assert.NotEmpty(before);
        var beforeRuns = new Dictionary<long, double>();
        foreach (var trial in before)
        {
            beforeRuns[trial.RunId] = (await cluster.Client.GetRunAsync(trial.RunId)).Summary["val_loss"];
        }

        await cluster.RestartServerAsync();
        var restartedAt = DateTimeOffset.UtcNow;

        var done = await cluster.WaitForSweepAsync(sweep.Id, s => s.IsFinished, TimeSpan.FromSeconds(75), "the sweep to finish after the restart");
        var context = await cluster.DescribeAsync(sweep.Id);
        Assert.True(done.Status == "completed", context);
        Assert.Equal(6, done.TrialsCompleted);

        // Nothing finished before the crash was lost or changed.
        foreach (var (runId, loss) in beforeRuns)
        {
            var run = await cluster.Client.GetRunAsync(runId);
            Assert.Equal("completed", run.Status);
            Assert.Equal(loss, run.Summary["val_loss"]);
        }

        // The agents came back by themselves: still the same processes, online again, and trials ended after the restart.
        Assert.All(agents, a => Assert.False(a.HasExited, a.OutputTail));
        var online = await cluster.Client.ListAgentsAsync();
        foreach (var agent in agents)
        {
            var info = Assert.Single(online, a => a.Id == cluster.AgentId(agent));
            Assert.Equal("online", info.Status);
            Assert.True(info.LastHeartbeatAt > restartedAt, $"agent {info.Id} last beat at {info.LastHeartbeatAt}, before the restart at {restartedAt}");
        }
        var trials = await cluster.Client.GetTrialsAsync(sweep.Id);
        Assert.Equal(6, trials.Count);
        Assert.Contains(trials, t => t.EndedAt > restartedAt && t.Status == "completed");

        // The trials running through the crash were kept by their agents (reattached), not requeued and run again.
        Assert.NotEmpty(inFlight);
        foreach (var runId in inFlight)
        {
            var trial = Assert.Single(trials, t => t.RunId == runId);
            Assert.True(trial.Status == "completed" && trial.Attempt == 1, $"run {runId}: {trial.Status}, attempt {trial.Attempt}{Environment.NewLine}{context}");
        }
    }
}
