using System.Text.RegularExpressions;
using ExperimentHub.E2E.Tests.Infrastructure;
using ExperimentHub.Testing;

namespace ExperimentHub.E2E.Tests.Reliability;

[Collection(ReliabilityCollection.Name)]
public sealed partial class CliSweepCompletionTests : IDisposable
{
    private readonly DirectoryInfo _scratch = Directory.CreateTempSubdirectory("ehub-cli-sweep-");

    public void Dispose() => _scratch.Delete(recursive: true);

    [Fact]
    public async Task Sweep_submitted_with_ehub_runs_to_completion_on_two_agents_and_the_local_agent()
    {
        await using var cluster = await AgentCluster.StartAsync(localAgentSlots: 1);
        var remote = new[] { await cluster.StartAgentAsync(), await cluster.StartAgentAsync() };
        await Eventually.TrueAsync(async () => (await cluster.Client.ListAgentsAsync()).Count(a => a.Status == "online") == 3,
            "the local agent and the two ehub agents to be online", TimeSpan.FromSeconds(30));
        var project = await cluster.CreateProjectAsync("cli");
        var spec = Path.Combine(_scratch.FullName, "sweep.yaml");
        await File.WriteAllTextAsync(spec, SweepSpecs.Synthetic("from-the-cli", trials: 9, parallel: 3, epochs: 6, secondsPerEpoch: 0.25));

        var result = await EhubCli.RunAsync(EhubCli.EnvironmentFor(cluster.Server), TimeSpan.FromSeconds(90),
            "sweep", "submit", spec, "--project", project, "--follow");

        Assert.True(result.ExitCode == 0, result.ToString());
        var id = long.Parse(SubmittedLine().Match(result.StandardOutput).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains($"Sweep {id} completed", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("best val_loss=", result.StandardOutput, StringComparison.Ordinal);

        var sweep = await cluster.Client.GetSweepAsync(id);
        var context = await cluster.DescribeAsync(id);
        Assert.True(sweep.Status == "completed", context);
        Assert.Equal(9, sweep.TrialsCompleted);
        var trials = await cluster.Client.GetTrialsAsync(id);
        Assert.Equal(9, trials.Count(t => t.Status == "completed"));
        // Every agent took part: three slots, three trials at a time.
        var used = trials.Select(t => t.AgentId).Distinct().ToList();
        Assert.True(used.Count == 3, $"trials ran on {string.Join(", ", used)}{Environment.NewLine}{context}");
        Assert.All(remote, a => Assert.Contains(cluster.AgentId(a), used));
        Assert.NotNull(sweep.Best);
    }

    [GeneratedRegex(@"Submitted sweep (\d+)")]
    private static partial Regex SubmittedLine();
}
