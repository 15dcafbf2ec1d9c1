using System.Diagnostics;
using System.Globalization;
using ExperimentHub.E2E.Tests.Infrastructure;
using ExperimentHub.E2E.Tests.Pages;
using ExperimentHub.E2E.Tests.Reliability;
using ExperimentHub.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace ExperimentHub.E2E.Tests.Dashboard;

/// <summary>
/// Open pages follow changes made elsewhere (a script, an agent) from the server's events: no reload, and no poll
/// on the page (there is none to wait for). Each test checks that the document it opened is still the one shown.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class LiveUpdateTests(DashboardFixture fixture, ITestOutputHelper output)
{
    private const string PythonRun = """
        import sys
        import experimenthub as eh
        run = eh.init(project=sys.argv[1], name="from-python", params={"lr": 0.01})
        print(run.id, flush=True)
        sys.stdin.readline()
        eh.log({"loss": 0.25}, step=1)
        eh.finish()
        """;

    /// <summary><c>gate.py DIR</c>: notes that it started, waits until DIR/release exists, then reports a score.</summary>
    private const string GatedTrial = """
        import os, sys, time
        folder = sys.argv[1]
        open(os.path.join(folder, "started"), "w").close()
        while not os.path.exists(os.path.join(folder, "release")):
            time.sleep(0.05)
        print("EXPERIMENTHUB step=1 score=0.5", flush=True)
        """;

    [Fact]
    public async Task A_run_created_with_the_python_client_appears_on_the_open_project_page()
    {
        using var api = new ApiSeeder(fixture.Server);
        await api.CreateProjectAsync("live-python", "Live from Python");
        var project = new ProjectPage(await fixture.NewPageAsync());
        await project.OpenAsync("live-python");
        await Assertions.Expect(project.RunsEmpty).ToContainTextAsync("No runs yet");
        await project.MarkDocumentAsync();

        await using var script = PythonScriptProcess.Start(fixture.Server, PythonRun, "live-python");
        var runId = long.Parse(await script.FirstLineAsync("the script to print its run id"), CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        await Assertions.Expect(project.RunRow(runId)).ToContainTextAsync("from-python");
        output.WriteLine($"ui: python_run_visible_ms={clock.ElapsedMilliseconds}");
        await Assertions.Expect(project.RunRow(runId)).ToContainTextAsync("running", new() { IgnoreCase = true });
        await Screenshots.SaveAsync(project.Page, "project-live-run");

        // The script logs a point and finishes over the API: the row follows.
        await script.SendAsync("go on");
        Assert.True(await script.WaitAsync() == 0, script.OutputTail);
        await Assertions.Expect(project.RunRow(runId)).ToContainTextAsync("completed", new() { IgnoreCase = true });
        await Assertions.Expect(project.RunRow(runId)).ToContainTextAsync("0.25");
        Assert.True(await project.IsSameDocumentAsync(), "the project page was reloaded");
    }

    [Fact]
    public async Task An_agent_connecting_and_going_appears_on_the_open_agents_page()
    {
        // A server of its own: the shared one must keep having no agent.
        await using var server = await ServerProcess.StartAsync(new ServerOptions());
        var agents = new AgentsPage(await fixture.NewPageAsync(server));
        await agents.OpenAsync();
        await Assertions.Expect(agents.Empty).ToBeVisibleAsync();
        await agents.MarkDocumentAsync();

        await using var agent = AgentProcess.Start(server, new AgentOptions { Arguments = ["--name", "live-agent"] });
        await Assertions.Expect(agents.Grid).ToContainTextAsync("live-agent", new() { Timeout = 60_000 });
        await Assertions.Expect(agents.Grid).ToContainTextAsync("online", new() { IgnoreCase = true });
        await Screenshots.SaveAsync(agents.Page, "agents-live");

        await agent.KillAsync();
        await Assertions.Expect(agents.Grid).ToContainTextAsync("offline", new() { IgnoreCase = true, Timeout = 60_000 });
        Assert.True(await agents.IsSameDocumentAsync(), "the agents page was reloaded");
    }

    [Fact]
    public async Task The_sweep_page_shows_a_trial_end_as_it_happens()
    {
        await using var server = await ServerProcess.StartAsync(new ServerOptions());
        var scratch = Directory.CreateTempSubdirectory("ehub-live-sweep-");
        try
        {
            var gate = ProbeScripts.Write(scratch.FullName, "gate.py", GatedTrial);
            using var api = new ApiSeeder(server);
            await api.CreateProjectAsync("live-sweep", "Live sweep");
            var sweepId = await api.SubmitSweepAsync("live-sweep",
                SweepSpecs.Script("gated", scratch.FullName, gate, [scratch.FullName], trials: 1, parallel: 1));
            await using var agent = AgentProcess.Start(server);
            await Eventually.TrueAsync(() => File.Exists(Path.Combine(scratch.FullName, "started")), "the trial to start",
                TimeSpan.FromSeconds(60));

            var sweep = new SweepPage(await fixture.NewPageAsync(server));
            await sweep.OpenAsync(sweepId);
            await Assertions.Expect(sweep.Progress).ToContainTextAsync("0 of 1 trials finished");
            await Assertions.Expect(sweep.TrialRows).ToHaveCountAsync(1);
            await sweep.MarkDocumentAsync();

            await File.WriteAllTextAsync(Path.Combine(scratch.FullName, "release"), "");
            await Assertions.Expect(sweep.Progress).ToContainTextAsync("1 of 1 trials finished", new() { Timeout = 60_000 });
            await Assertions.Expect(sweep.Status).ToHaveTextAsync("completed", new() { IgnoreCase = true });
            await Assertions.Expect(sweep.TrialRows.First).ToContainTextAsync("completed", new() { IgnoreCase = true });
            Assert.True(await sweep.IsSameDocumentAsync(), "the sweep page was reloaded");
            await Screenshots.SaveAsync(sweep.Page, "sweep-live-trial-end");
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }
}
