using Bunit;
using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Components.Pages.Detection;
using ExperimentHub.Server.Components.Services.Models;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Detection;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Tests.Components.Pages;

/// <summary>The detection page, with the real detector (python3) behind it and fakes for the store.</summary>
public sealed class DetectSpaceTests : IDisposable
{
    private const string Script = """
        from sklearn.datasets import load_digits
        from sklearn.pipeline import Pipeline
        from sklearn.preprocessing import StandardScaler
        from sklearn.svm import SVC

        x, y = load_digits(return_X_y=True)
        model = Pipeline([
            ("scale", StandardScaler()),
            ("svc", SVC(C=10.0, gamma=0.001, kernel="rbf")),
        ])
        model.fit(x, y)
        print("EXPERIMENTHUB accuracy=%.6f" % model.score(x, y))
        """;

    private readonly TemporaryDirectory _data = new("detect-page");
    private readonly FakeDashboardQueries _queries = new();
    private readonly FakeDashboardCommands _commands = new() { SubmittedSweepId = 12 };

    public DetectSpaceTests()
    {
        _queries.Projects.Add(new ProjectSummary(1, "vision", "Vision", null, DateTimeOffset.UnixEpoch, 0, 0, null));
        _queries.Projects.Add(new ProjectSummary(2, "digits", "Digits", null, DateTimeOffset.UnixEpoch, 0, 0, null));
    }

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Pasted_script_shows_each_parameter_with_its_source_line_and_the_rewritten_script_beside_the_original()
    {
        await using var ctx = Create();
        var cut = ctx.RenderHosted<DetectSpace>();

        await PasteAndDetectAsync(cut, Script);

        Assert.Equal(["svc_C", "svc_gamma", "svc_kernel"], cut.FindAll("[data-testid=detected-grid] [data-param]").Select(e => e.GetAttribute("data-param")));
        var gamma = cut.Find("[data-testid=detected-grid] tr:has([data-param=svc_gamma])");
        Assert.Contains("(\"svc\", SVC(C=10.0, gamma=0.001, kernel=\"rbf\")),", gamma.TextContent, StringComparison.Ordinal);
        Assert.Contains("9", gamma.QuerySelector(".eh-line-no")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(Script, cut.Find("[data-testid=original-script]").TextContent);
        Assert.Contains("EXPERIMENTHUB_PARAMS", cut.Find("[data-testid=rewritten-script]").TextContent, StringComparison.Ordinal);
        Assert.Contains("\"svc_gamma\": {type: float, min: 1E-05, max: 1.0, log: true}", cut.Find("[data-testid=proposed-spec]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Syntax_error_is_named_with_its_line_and_no_grid_is_shown()
    {
        await using var ctx = Create();
        var cut = ctx.RenderHosted<DetectSpace>();

        await PasteAndDetectAsync(cut, "import keras\n\nmodel = keras.Sequential([\n    keras.layers.Dense(64,\n");

        var error = cut.WaitForElement("[data-testid=detect-error]");
        Assert.StartsWith("train.py:4:", error.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("syntax error", error.TextContent, StringComparison.Ordinal);
        Assert.Equal("4", error.GetAttribute("data-line"));
        Assert.Empty(cut.FindAll("[data-testid=detected-grid]"));
    }

    [Fact]
    public async Task A_file_that_is_not_python_is_refused_by_name()
    {
        await using var ctx = Create();
        var cut = ctx.RenderHosted<DetectSpace>();
        cut.Find("input[aria-label='File name']").Change("notes.txt");

        await PasteAndDetectAsync(cut, "lr = 0.1\n");

        Assert.Contains("notes.txt is not a Python script", cut.WaitForElement("[data-testid=detect-error]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_range_is_named_at_its_row_and_blocks_the_launch()
    {
        await using var ctx = Create();
        var cut = ctx.RenderHosted<DetectSpace>();
        await PasteAndDetectAsync(cut, Script);

        cut.Find("input[aria-label='Minimum of svc_C']").Change("5000");

        var problem = cut.WaitForElement("[data-testid=row-problem][data-param=svc_C]");
        Assert.Contains("must be below the maximum", problem.TextContent, StringComparison.Ordinal);
        Assert.True(cut.Find("[data-testid=launch]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task Launch_submits_the_edited_space_into_the_chosen_project_and_runs_the_stored_rewritten_script()
    {
        await using var ctx = Create();
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("detect?project=digits");
        var cut = ctx.RenderHosted<DetectSpace>();
        await PasteAndDetectAsync(cut, Script);

        // Drop gamma, narrow C, keep two kernels.
        cut.Find("[aria-label='Keep svc_gamma'] input, input[aria-label='Keep svc_gamma']").Change(false);
        cut.Find("input[aria-label='Minimum of svc_C']").Change("0.5");
        cut.Find("input[aria-label='Maximum of svc_C']").Change("50");
        cut.Find("input[aria-label='Choices of svc_kernel']").Change("rbf, linear");
        cut.Find("input[aria-label='Metric']").Change("accuracy");
        cut.WaitForAssertion(() => Assert.Contains("3 found, 2 kept", cut.Find("[data-testid=detect-summary]").TextContent, StringComparison.Ordinal));
        cut.Find("[data-testid=launch]").Click();

        cut.WaitForAssertion(() => Assert.EndsWith("sweeps/12", ctx.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
        Assert.Equal(["submit digits"], _commands.Calls);
        var spec = SweepSpecParser.ParseYaml(_commands.SubmittedSpec!);
        Assert.True(spec.IsValid, string.Join("; ", spec.Errors));
        var space = spec.Spec!.Space.Parameters.ToDictionary(p => p.Name);
        Assert.Equal(["svc_C", "svc_kernel"], space.Keys.Order());
        Assert.Contains("\"svc_C\": {type: float, min: 0.5, max: 50.0, log: true}", _commands.SubmittedSpec, StringComparison.Ordinal);
        Assert.Contains("\"svc_kernel\": {values: [\"rbf\", \"linear\"]}", _commands.SubmittedSpec, StringComparison.Ordinal);
        Assert.Contains("{metric: \"accuracy\", goal: maximize}", _commands.SubmittedSpec, StringComparison.Ordinal);
        // The command runs the rewritten script, stored in the data folder, where the trial starts.
        var script = Assert.Single(Directory.GetFiles(Path.Combine(_data.Path, "scripts"), "*.py", SearchOption.AllDirectories));
        Assert.Equal("train_ehub.py", Path.GetFileName(script));
        Assert.Contains($"command: [\"python3\", {System.Text.Json.JsonSerializer.Serialize(script)}]", _commands.SubmittedSpec, StringComparison.Ordinal);
        Assert.Contains("EXPERIMENTHUB_PARAMS", await File.ReadAllTextAsync(script), StringComparison.Ordinal);
    }

    private BunitContext Create()
    {
        var ctx = ComponentTests.Create(_queries, _commands);
        ctx.Services.AddSingleton<IScriptDetection>(new PythonScriptDetection(Options.Create(new StoreOptions { DataDir = _data.Path })));
        return ctx;
    }

    private static async Task PasteAndDetectAsync(IRenderedComponent<ProvidersHost> cut, string source)
    {
        cut.Find("textarea[aria-label='Script source']").Change(source);
        await cut.Find("[data-testid=detect]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.True(cut.FindAll("[data-testid=detected-grid], [data-testid=detect-error], [data-testid=detect-none]").Count > 0),
            TimeSpan.FromSeconds(30));
    }
}
