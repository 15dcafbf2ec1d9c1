using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ExperimentHub.E2E.Tests.Infrastructure;
using ExperimentHub.Testing;

namespace ExperimentHub.E2E.Tests.Reliability;

/// <summary>
/// Seed 000's JSON job end to end: a git repository made here, submitted with ehub (or the API), fetched and
/// installed once by a real agent with two slots, every trial's model stored as its run's artifacts; a repository
/// that cannot be fetched or an install that fails pauses the sweep and burns no trial.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed partial class SeedJobTests : IDisposable
{
    private static readonly TimeSpan SweepTimeout = TimeSpan.FromSeconds(120);

    private readonly TemporaryDirectory _scratch = new("seed-job");

    public void Dispose() => _scratch.Dispose();

    private string InstallsLog => _scratch.Combine("installs.log");

    private int Installs => File.Exists(InstallsLog) ? File.ReadAllLines(InstallsLog).Length : 0;

    [Fact]
    public async Task Seed_job_installs_once_per_agent_and_stores_every_trials_model()
    {
        var repository = await RepositoryAsync(InstallScript());
        var job = _scratch.Combine("job.json");
        await File.WriteAllTextAsync(job, Job(repository.FileUrl, trials: 4));
        await using var cluster = await AgentCluster.StartAsync();
        var agentDir = Directory.CreateDirectory(_scratch.Combine("agent")).FullName;
        await cluster.StartAgentAsync(slots: 2, workdir: agentDir);
        var project = await cluster.CreateProjectAsync("seed");

        EhubCli.Result result;
        try
        {
            result = await EhubCli.RunAsync(EhubCli.EnvironmentFor(cluster.Server), SweepTimeout,
                "sweep", "submit", job, "--project", project, "--follow");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + Environment.NewLine + await cluster.DescribeAsync(1), e);
        }

        Assert.True(result.ExitCode == 0, result + Environment.NewLine + await cluster.DescribeAsync(SweepId(result)));
        Assert.Contains("is a seed-000 job; it was translated into a sweep spec", result.StandardOutput, StringComparison.Ordinal);
        var id = SweepId(result);
        var context = await cluster.DescribeAsync(id);
        var sweep = await cluster.Client.GetSweepAsync(id);
        Assert.True(sweep.Status == "completed" && sweep.TrialsCompleted == 4, context);
        Assert.Equal("accuracy", Assert.Single(sweep.Objectives).Metric);
        // One agent, two slots, four trials: one checkout, one install.
        Assert.True(Installs == 1, $"{Installs} installs{Environment.NewLine}{context}");

        foreach (var trial in await cluster.Client.GetTrialsAsync(id))
        {
            var artifacts = await cluster.Client.ListArtifactsAsync(trial.RunId);
            Assert.Equal(["model/sub/params.json", "model/weights.txt"], artifacts.Select(a => a.Path).Order(StringComparer.Ordinal));
            await using var weights = await cluster.Client.DownloadArtifactAsync(trial.RunId, "model/weights.txt");
            using var reader = new StreamReader(weights!);
            // Each run stored its own model, not a neighbour's.
            Assert.StartsWith($"run {trial.RunId} x=", await reader.ReadToEndAsync(), StringComparison.Ordinal);
            var run = await cluster.Client.GetRunAsync(trial.RunId);
            Assert.Contains("[agent] stored the model: 2 of 2 file(s)", run.LogTail, StringComparison.Ordinal);
        }
        // clean_model_dir_flag: the folder was empty for every trial (train.py checks) and is empty after the last.
        var modelDir = Path.Combine(agentDir, ".ehub-workspaces", $"sweep-{id}", "checkout", "job", "saved_model");
        Assert.True(Directory.Exists(modelDir), context);
        Assert.Empty(Directory.EnumerateFileSystemEntries(modelDir));
    }

    [Fact]
    public async Task A_repository_that_cannot_be_fetched_pauses_the_sweep_and_burns_no_trial()
    {
        await using var cluster = await AgentCluster.StartAsync();
        await cluster.StartAgentAsync(slots: 2);
        var project = await cluster.CreateProjectAsync("seed");
        var missing = _scratch.Combine("no-such-repository");

        var submitted = await cluster.Client.SubmitSweepAsync(project, Job(missing, trials: 3));
        var sweep = await cluster.WaitForSweepAsync(submitted.Id, s => s.Status == "paused", SweepTimeout, "the sweep to pause");

        await Eventually.TrueAsync(async () => (await cluster.Client.GetTrialsAsync(sweep.Id)).All(t => t.Status == "pending"),
            "every trial to be pending again", SweepTimeout);
        var context = await cluster.DescribeAsync(sweep.Id);
        Assert.True(sweep.StatusReason?.StartsWith($"paused: cannot fetch {missing}: git fetch failed", StringComparison.Ordinal) == true, context);
        Assert.Contains("does not appear to be a git repository", sweep.SetupLog, StringComparison.Ordinal);
        var trials = await cluster.Client.GetTrialsAsync(sweep.Id);
        Assert.True(trials.Count > 0, context);
        Assert.All(trials, t => Assert.True(t.Status == "pending" && t.Attempt == 0, context));
        Assert.Equal(0, sweep.TrialsFailed);
    }

    [Fact]
    public async Task A_failed_install_pauses_the_sweep_with_its_log_and_the_fixed_install_runs_on_resume()
    {
        var repository = await RepositoryAsync($"echo \"$PWD\" >> \"{InstallsLog}\"\necho 'no such package: torch' >&2\nexit 3\n");
        await using var cluster = await AgentCluster.StartAsync();
        await cluster.StartAgentAsync(slots: 2);
        var project = await cluster.CreateProjectAsync("seed");

        var submitted = await cluster.Client.SubmitSweepAsync(project, Job(repository.Path, trials: 3));
        var paused = await cluster.WaitForSweepAsync(submitted.Id, s => s.Status == "paused", SweepTimeout, "the sweep to pause");

        // Both trials the agent had taken come back.
        await Eventually.TrueAsync(async () => (await cluster.Client.GetTrialsAsync(paused.Id)).All(t => t.Status == "pending"),
            "every trial to be pending again", SweepTimeout);
        var context = await cluster.DescribeAsync(paused.Id);
        // The reason quotes what the install said on standard error.
        Assert.True(paused.StatusReason == "paused: the install command (sh install.sh) failed: no such package: torch", context);
        Assert.Contains("no such package: torch", paused.SetupLog, StringComparison.Ordinal);
        Assert.All(await cluster.Client.GetTrialsAsync(paused.Id), t => Assert.True(t.Status == "pending" && t.Attempt == 0, context));
        Assert.Equal(1, Installs);

        await repository.CommitAsync("fix the install", new Dictionary<string, string> { ["job/install.sh"] = InstallScript() });
        await cluster.Client.ResumeSweepAsync(paused.Id);
        var done = await cluster.WaitForSweepAsync(paused.Id, s => s.Status == "completed", SweepTimeout, "the resumed sweep to complete");

        Assert.Equal(3, done.TrialsCompleted);
        Assert.Equal(0, done.TrialsFailed);
        Assert.Null(done.SetupLog);
        Assert.Equal(2, Installs);
    }

    private string InstallScript() => $"echo \"$PWD\" >> \"{InstallsLog}\"\ntouch installed.marker\n";

    /// <summary>A repository with job/train.py and job/install.sh; the script checks the install, its arguments and a clean model folder.</summary>
    private async Task<GitRepository> RepositoryAsync(string install)
    {
        var repository = await GitRepository.InitAsync(_scratch.Combine("repo"));
        await repository.CommitAsync("a model to tune", new Dictionary<string, string>
        {
            ["job/install.sh"] = install,
            ["job/train.py"] = """
                import json, os, sys, time
                if not os.path.exists("installed.marker"):
                    sys.exit("the install did not run in this folder")
                if sys.argv[1:] != ["--label", "seed job"]:
                    sys.exit(f"unexpected arguments {sys.argv[1:]}")
                model = os.environ["EXPERIMENTHUB_MODEL_DIR"]
                if model != os.path.abspath("saved_model"):
                    sys.exit(f"the model folder is {model}")
                if os.listdir(model):
                    sys.exit(f"the model folder holds another trial's files: {os.listdir(model)}")
                params = json.loads(os.environ["EXPERIMENTHUB_PARAMS"])
                os.makedirs("saved_model/sub")
                with open("saved_model/weights.txt", "w") as f:
                    f.write(f"run {os.environ['EXPERIMENTHUB_RUN_ID']} x={params['x']!r}")
                with open("saved_model/sub/params.json", "w") as f:
                    json.dump(params, f)
                time.sleep(0.3)
                print(f"EXPERIMENTHUB accuracy={1 - abs(params['x'] - 0.3)}")
                """,
        });
        return repository;
    }

    private static string Job(string repository, int trials) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["code_github"] = repository,
        ["command"] = "python3 train.py --label 'seed job'",
        ["dir"] = "job",
        ["install_script"] = "install.sh",
        ["primary_result_key"] = "accuracy",
        ["backend"] = "agents",
        ["resources"] = new Dictionary<string, object> { ["instance_count"] = 2 },
        ["optimizer"] = new Dictionary<string, object> { ["method"] = "random", ["budget"] = trials },
        ["search"] = new Dictionary<string, object> { ["x"] = new Dictionary<string, object> { ["type"] = "float", ["min"] = 0, ["max"] = 1 } },
        ["model_storage"] = new Dictionary<string, object> { ["type"] = "local", ["model_dir"] = "saved_model", ["clean_model_dir_flag"] = true },
    });

    private static long SweepId(EhubCli.Result result) =>
        SubmittedLine().Match(result.StandardOutput) is { Success: true } match ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"Submitted sweep (\d+)")]
    private static partial Regex SubmittedLine();
}
