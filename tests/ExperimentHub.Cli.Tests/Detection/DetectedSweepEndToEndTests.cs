using System.Globalization;
using System.Text.RegularExpressions;
using ExperimentHub.Cli.Commands;
using ExperimentHub.Cli.Tests.Commands;
using ExperimentHub.Client;

namespace ExperimentHub.Cli.Tests.Detection;

/// <summary>
/// From a script to a finished sweep: <c>ehub space detect --write-script</c>, then <c>ehub sweep submit --follow</c>
/// of the proposed spec, unchanged, against a real server whose local agent runs the rewritten script as real processes.
/// </summary>
public sealed partial class DetectedSweepEndToEndTests
{
    [Fact]
    public async Task Sweep_of_a_detected_space_runs_the_rewritten_script_to_completion()
    {
        using var work = new TemporaryDirectory("detected-sweep");
        await using var server = await ExperimentHubServer.StartAsync(o =>
        {
            o.Settings["ExperimentHub:LocalAgent:Slots"] = "1";
            o.Settings["ExperimentHub:LocalAgent:Workdir"] = work.Path;
            o.Settings["ExperimentHub:Dispatch:CoordinatorIntervalMilliseconds"] = "200";
        });
        using var client = new ExperimentHubClient(server.Address, server.AdminKey);
        await client.CreateProjectAsync("detected", "detected spaces");
        var cli = new SweepCliHarness()
            .With(SweepConnection.UrlVariable, server.BaseUrl)
            .With(SweepConnection.KeyVariable, server.AdminKey);

        var detected = await cli.RunAsync("space", "detect", DetectionCorpus.PathOf("sklearn_pipeline_svc.py"),
            "--write-script", Path.Combine(work.Path, "svc_trial.py"), "--python", Pythons.ScikitLearn, "--metric", "accuracy", "--trials", "3");
        Assert.True(detected == SweepExitCodes.Ok, cli.Error);
        var spec = Path.Combine(work.Path, "sweep.yaml");
        await File.WriteAllTextAsync(spec, cli.Output);

        var submitted = new SweepCliHarness()
            .With(SweepConnection.UrlVariable, server.BaseUrl)
            .With(SweepConnection.KeyVariable, server.AdminKey);
        var code = await submitted.RunAsync("sweep", "submit", spec, "--project", "detected", "--follow").WaitAsync(TimeSpan.FromMinutes(5));

        Assert.True(code == SweepExitCodes.Ok, submitted.Output + submitted.Error);
        var id = long.Parse(SubmittedLine().Match(submitted.Output).Groups[1].Value, CultureInfo.InvariantCulture);
        var sweep = await client.GetSweepAsync(id);
        Assert.Equal("completed", sweep.Status);
        var trials = await client.GetTrialsAsync(id);
        Assert.Equal(3, trials.Count(t => t.Status == "completed"));
        Assert.All(trials, t =>
        {
            Assert.Equal(["svc_C", "svc_gamma", "svc_kernel"], t.Params.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.InRange(t.Metrics!["accuracy"], 0.0, 1.0);
        });
    }

    [GeneratedRegex(@"Submitted sweep (\d+)")]
    private static partial Regex SubmittedLine();
}
