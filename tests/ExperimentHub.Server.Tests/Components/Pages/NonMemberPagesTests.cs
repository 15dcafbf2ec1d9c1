using Bunit;
using ExperimentHub.Server.Components.Pages.Agents;
using ExperimentHub.Server.Components.Pages.Projects;
using ExperimentHub.Server.Components.Pages.Runs;
using ExperimentHub.Server.Components.Pages.Sweeps;
using ExperimentHub.Server.Components.Services.Models;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Tests.Components.Sweeps;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Components.Pages;

/// <summary>
/// A signed-in user who is a member of 'nlp' only opens 'vision's pages by URL: each reads as one that does not exist
/// (not found or no access), and nothing of vision's (names, parameters, trials, links) reaches the markup.
/// </summary>
public sealed class NonMemberPagesTests
{
    private const long Vision = 1, Nlp = 2, VisionSweep = 4, VisionRun = 9, NlpRun = 11;
    private const string Secret = "secret-lr-0.0123";

    private static MemberDashboardAccess NlpViewer()
    {
        var access = new MemberDashboardAccess(ProjectRole.Viewer, Nlp);
        access.Projects["vision"] = Vision;
        access.Projects["nlp"] = Nlp;
        access.SweepProjects[VisionSweep] = Vision;
        access.RunProjects[VisionRun] = Vision;
        access.RunProjects[NlpRun] = Nlp;
        return access;
    }

    private static FakeDashboardQueries VisionData()
    {
        var queries = new FakeDashboardQueries();
        queries.Projects.Add(new ProjectSummary(Vision, "vision", "Vision models", "CNNs", DateTimeOffset.UnixEpoch, 1, 1, null));
        queries.Projects.Add(new ProjectSummary(Nlp, "nlp", "Language", null, DateTimeOffset.UnixEpoch, 0, 1, null));
        queries.ProjectOverviews["vision"] = new ProjectOverview(Vision, "vision", "Vision models", "CNNs", DateTimeOffset.UnixEpoch, []);
        queries.Sweeps[VisionSweep] = new SweepOverview(VisionSweep, "vision", "secret sweep", "running", null, "name: secret sweep", SweepFixtures.Spec(), 50,
            new TrialCounts(0, 1, 3, 0, 0, 0), DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null);
        queries.Trials.AddRange(SweepFixtures.Trials(3));
        queries.RunOverviews[VisionRun] = new RunOverview(VisionRun, "vision", "secret run", "running", VisionSweep,
            [new KeyValuePair<string, string>("lr", Secret)], new Dictionary<string, double> { ["loss"] = 0.25 }, ["loss"], [],
            "epoch 1", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null, null, "gpu-box");
        queries.Series[(VisionRun, "loss")] = new SeriesData("loss", [1, 2], [0.5, 0.25], [DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddSeconds(1)], 2);
        queries.Agents.Add(new AgentRow("a1", "gpu-box", "host1", true, 2, [],
            [new AgentTrialRow(VisionRun, "secret run", VisionSweep, DateTimeOffset.UtcNow), new AgentTrialRow(NlpRun, "nlp run", null, DateTimeOffset.UtcNow)],
            DateTimeOffset.UtcNow, "1.0"));
        return queries;
    }

    [Fact]
    public async Task Another_projects_sweep_opened_by_url_reads_as_not_found_or_no_access()
    {
        var compute = new FakeComputeQueries();
        compute.Sweeps[VisionSweep] = new SweepCompute("ec2", 1, 1, 0.5, null, null, []);
        await using var ctx = ComponentTests.Create(VisionData(), compute: compute, access: NlpViewer());
        var cut = ctx.RenderHosted<SweepDetail>(("SweepId", VisionSweep));

        var message = cut.WaitForElement("[data-testid=not-found]");
        Assert.Contains("There is no such sweep, or you have no access to it.", message.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("secret sweep", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("vision", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("a[href^='runs/']"));
    }

    [Fact]
    public async Task Another_projects_run_opened_by_url_reads_as_not_found_or_no_access()
    {
        await using var ctx = ComponentTests.Create(VisionData(), access: NlpViewer());
        var cut = ctx.RenderHosted<RunDetail>(("RunId", VisionRun));

        var message = cut.WaitForElement("[data-testid=not-found]");
        Assert.Contains("There is no such run, or you have no access to it.", message.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("secret run", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".eh-breadcrumb a[href='projects/vision']"));
    }

    [Fact]
    public async Task Another_projects_project_page_reads_as_not_found_or_no_access()
    {
        await using var ctx = ComponentTests.Create(VisionData(), access: NlpViewer());
        var cut = ctx.RenderHosted<ProjectDetail>(("ProjectKey", "vision"));

        var message = cut.WaitForElement("[data-testid=not-found]");
        Assert.Contains("There is no such project, or you have no access to it.", message.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Vision models", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Comparing_another_projects_run_shows_no_curve_and_says_it_is_not_found()
    {
        await using var ctx = ComponentTests.Create(VisionData(), access: NlpViewer());
        var navigation = ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo($"runs/compare?ids={VisionRun}");
        var cut = ctx.RenderHosted<RunCompare>();

        cut.WaitForAssertion(() => Assert.Contains($"No run with the id {VisionRun} exists in a project you are a member of.", cut.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("secret run", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_leave_out_other_projects_and_their_trials_on_shared_agents()
    {
        var compute = new FakeComputeQueries();
        compute.Instances.Add(new ComputeInstanceRow(1, VisionSweep, "ec2", "i-0vision", "g5.xlarge", true, 0.5, "running", null, DateTimeOffset.UtcNow, null, DateTimeOffset.UtcNow));
        compute.Instances.Add(new ComputeInstanceRow(2, null, "slurm", "4711", "partition gpu", false, null, "running", null, DateTimeOffset.UtcNow, null, DateTimeOffset.UtcNow));
        await using (var projectsCtx = ComponentTests.Create(VisionData(), access: NlpViewer()))
        {
            var projects = projectsCtx.RenderHosted<ProjectList>();
            var grid = projects.WaitForElement("[data-testid=projects-grid]");
            Assert.Equal(["projects/nlp"], grid.QuerySelectorAll("tbody tr a[href^='projects/']").Select(a => a.GetAttribute("href")));
        }

        await using var ctx = ComponentTests.Create(VisionData(), compute: compute, access: NlpViewer());
        var agents = ctx.RenderHosted<AgentList>();
        var agentGrid = agents.WaitForElement("[data-testid=agents-grid]");
        Assert.Contains("gpu-box", agentGrid.TextContent, StringComparison.Ordinal);
        Assert.NotNull(agentGrid.QuerySelector($"a[href='runs/{NlpRun}']"));
        Assert.Null(agentGrid.QuerySelector($"a[href='runs/{VisionRun}']"));
        Assert.DoesNotContain("secret run", agents.Markup, StringComparison.Ordinal);
        var instances = agents.WaitForElement("[data-testid=compute-grid]");
        Assert.DoesNotContain("i-0vision", instances.TextContent, StringComparison.Ordinal);
        Assert.Contains("4711", instances.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_sees_the_same_pages_that_an_outsider_cannot()
    {
        var access = NlpViewer();
        var member = new MemberDashboardAccess(ProjectRole.Viewer, Vision);
        foreach (var (key, id) in access.Projects)
        {
            member.Projects[key] = id;
        }
        member.SweepProjects[VisionSweep] = Vision;
        member.RunProjects[VisionRun] = Vision;
        await using (var sweepCtx = ComponentTests.Create(VisionData(), access: member))
        {
            var sweep = sweepCtx.RenderHosted<SweepDetail>(("SweepId", VisionSweep));
            sweep.WaitForAssertion(() => Assert.Contains("secret sweep", sweep.Markup, StringComparison.Ordinal));
            Assert.Empty(sweep.FindAll("[data-testid=not-found]"));
            Assert.Empty(sweep.FindAll("[data-testid=stop]"));
        }
        await using var ctx = ComponentTests.Create(VisionData(), access: member);
        var run = ctx.RenderHosted<RunDetail>(("RunId", VisionRun));
        run.WaitForAssertion(() => Assert.Contains(Secret, run.Find("[data-testid=run-params]").TextContent, StringComparison.Ordinal));
    }
}
