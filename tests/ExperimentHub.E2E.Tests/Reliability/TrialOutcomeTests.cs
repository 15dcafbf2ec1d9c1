using ExperimentHub.E2E.Tests.Infrastructure;
using ExperimentHub.Testing;
using Microsoft.Data.Sqlite;

namespace ExperimentHub.E2E.Tests.Reliability;

[Collection(ReliabilityCollection.Name)]
public sealed class TrialOutcomeTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("ehub-outcome-");

    public void Dispose() => _scratch.Delete(recursive: true);

    [Fact]
    public async Task Trial_past_its_timeout_is_stopped_and_marked_timed_out()
    {
        await using var cluster = await AgentCluster.StartAsync();
        var agent = await cluster.StartAgentAsync();
        var project = await cluster.CreateProjectAsync("timeout");
        var script = ProbeScripts.Write(_scratch.FullName, "sleeper.py", ProbeScripts.Sleeper);
        // 0.05 minutes: three seconds, against a script that would run for two minutes.
        var sweep = await cluster.Client.SubmitSweepAsync(project, SweepSpecs.Script("times-out", _scratch.FullName, script,
            [_scratch.FullName], trials: 1, parallel: 1, extra: "trial: {timeout_minutes: 0.05}"));

        var done = await cluster.WaitForSweepAsync(sweep.Id, s => s.IsFinished, TimeSpan.FromSeconds(40), "the sweep to end");
        var trial = Assert.Single(await cluster.Client.GetTrialsAsync(sweep.Id));
        Assert.True(trial.Status == "timed_out", await cluster.DescribeAsync(sweep.Id));
        Assert.Contains("timeout", trial.Error ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Equal("completed", done.Status);

        // The process was really stopped, not just marked.
        var pid = int.Parse(await File.ReadAllTextAsync(Path.Combine(_scratch.FullName, $"{trial.RunId}.pid")), System.Globalization.CultureInfo.InvariantCulture);
        await Eventually.TrueAsync(() => Task.FromResult(!Directory.Exists($"/proc/{pid}") || IsZombie(pid)), $"the timed-out trial's process {pid} to end",
            TimeSpan.FromSeconds(20));
        Assert.False(agent.HasExited, agent.OutputTail);
    }

    [Fact]
    public async Task Crashing_script_is_a_failed_trial_with_exit_code_and_log_tail_not_a_broken_sweep()
    {
        await using var cluster = await AgentCluster.StartAsync();
        var agent = await cluster.StartAgentAsync();
        var project = await cluster.CreateProjectAsync("crash");
        // train.py exits 1 ("loss diverged") whenever lr >= 0.5.
        var sweep = await cluster.Client.SubmitSweepAsync(project, SweepSpecs.Synthetic("crashes", trials: 4, parallel: 1,
            lr: "{type: float, min: 0.6, max: 0.9}", budgetExtra: ", max_consecutive_failures: 2"));

        var paused = await cluster.WaitForSweepAsync(sweep.Id, s => s.Status != "running", TimeSpan.FromSeconds(45), "the sweep to pause itself");
        var context = await cluster.DescribeAsync(sweep.Id);
        Assert.True(paused.Status == "paused", context);
        Assert.Contains("2 consecutive failed trials", paused.StatusReason ?? "", StringComparison.Ordinal);
        Assert.Contains("exit code 1", paused.StatusReason ?? "", StringComparison.Ordinal);

        var trials = await cluster.Client.GetTrialsAsync(sweep.Id);
        Assert.Equal(2, trials.Count);
        foreach (var trial in trials)
        {
            Assert.Equal("failed", trial.Status);
            Assert.Equal(1, trial.ExitCode);
            Assert.Contains("exit code 1", trial.Error ?? "", StringComparison.Ordinal);
            var tail = await LogTailAsync(cluster.DataDir, trial.RunId);
            Assert.Contains("loss diverged", tail, StringComparison.Ordinal);
        }
        Assert.False(agent.HasExited, agent.OutputTail);

        // Resumed, it goes on (and fails again): the sweep itself is not broken.
        await cluster.Client.ResumeSweepAsync(sweep.Id);
        await cluster.WaitForSweepAsync(sweep.Id, s => s.Status == "paused" && s.TrialsFailed >= 4 || s.IsFinished, TimeSpan.FromSeconds(45),
            "the resumed sweep to run two more trials");
    }

    [Fact]
    public async Task A_sweep_whose_script_is_missing_pauses_with_pythons_own_words_not_just_an_exit_code()
    {
        await using var cluster = await AgentCluster.StartAsync();
        var agent = await cluster.StartAgentAsync();
        var project = await cluster.CreateProjectAsync("missing-script");
        // The New sweep form's first mistake: a command whose script is not in the working folder.
        var sweep = await cluster.Client.SubmitSweepAsync(project, $$"""
            name: no-script
            command: [python3, train.py, "${args}"]
            workdir: "{{_scratch.FullName}}"
            method: random
            objectives:
              - {metric: score, goal: maximize}
            parameters:
              x: {type: float, min: 0, max: 1}
            budget: {trials: 4, parallel: 1, max_consecutive_failures: 2}
            """);

        var paused = await cluster.WaitForSweepAsync(sweep.Id, s => s.Status != "running", TimeSpan.FromSeconds(45), "the sweep to pause itself");

        var context = await cluster.DescribeAsync(sweep.Id);
        Assert.True(paused.Status == "paused", context);
        Assert.Contains("can't open file", paused.StatusReason ?? "", StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_scratch.FullName, "train.py"), paused.StatusReason ?? "", StringComparison.Ordinal);
        var trial = (await cluster.Client.GetTrialsAsync(sweep.Id))[0];
        Assert.Contains("exit code 2", trial.Error ?? "", StringComparison.Ordinal);
        Assert.Contains("can't open file", trial.Error ?? "", StringComparison.Ordinal);
        Assert.False(agent.HasExited, agent.OutputTail);
    }

    [Fact]
    public async Task Agents_racing_for_few_trials_never_run_one_trial_twice()
    {
        await using var cluster = await AgentCluster.StartAsync(leaseSeconds: 20);
        for (var i = 0; i < 4; i++)
        {
            await cluster.StartAgentAsync(slots: 2);
        }
        var project = await cluster.CreateProjectAsync("race");
        var log = Path.Combine(_scratch.FullName, "starts.log");
        var script = ProbeScripts.Write(_scratch.FullName, "probe.py", ProbeScripts.Probe);
        // Eight slots asking for work as soon as any appears, for five trials offered at once, twice over.
        var sweep = await cluster.Client.SubmitSweepAsync(project, SweepSpecs.Script("race", _scratch.FullName, script,
            [log, "0.5"], trials: 10, parallel: 5));

        var done = await cluster.WaitForSweepAsync(sweep.Id, s => s.IsFinished, TimeSpan.FromSeconds(60), "the sweep to finish");
        var context = await cluster.DescribeAsync(sweep.Id);
        Assert.True(done.Status == "completed", context);
        Assert.Equal(10, done.TrialsCompleted);

        var lines = (await File.ReadAllLinesAsync(log)).Select(l => l.Split(' ')).ToList();
        var starts = lines.Where(l => l[0] == "start").GroupBy(l => l[1]).ToList();
        Assert.Equal(10, starts.Count);
        Assert.All(starts, g => Assert.True(g.Count() == 1, $"run {g.Key} started {g.Count()} times{Environment.NewLine}{context}"));
        var trials = await cluster.Client.GetTrialsAsync(sweep.Id);
        Assert.All(trials, t => Assert.Equal(1, t.Attempt));
        Assert.True(trials.Select(t => t.AgentId).Distinct().Count() > 1, $"one agent ran every trial{Environment.NewLine}{context}");
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>The run's stored log tail, read from the server's SQLite file (the API shows it on the run page only).</summary>
    private static async Task<string> LogTailAsync(string dataDir, long runId)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDir, "experimenthub.db"), Mode = SqliteOpenMode.ReadOnly };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT log_tail FROM runs WHERE id = $id";
        command.Parameters.AddWithValue("$id", runId);
        return await command.ExecuteScalarAsync() as string ?? "";
    }
}
