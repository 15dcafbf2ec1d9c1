using System.Globalization;
using ExperimentHub.Core.Detection;
using ExperimentHub.Core.Trials;
using ExperimentHub.Detection;
using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Components.Services.Models;
using ExperimentHub.Server.Detection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace ExperimentHub.Server.Components.Pages.Detection;

/// <summary>
/// Detect a search space: paste or upload a training script, review the parameters the detector found (keep or
/// drop each, edit its range, distribution or choices), compare the rewritten script with the original, and launch
/// a sweep of the rewritten script into a project.
/// </summary>
public sealed partial class DetectSpace
{
    private const string DefaultFileName = "train.py";
    private static readonly string[] Goals = ["minimize", "maximize"];
    private static readonly string[] Distributions = [DetectedParameterRow.Uniform, DetectedParameterRow.LogUniform];
    // Metric names that are better when larger (as `ehub space detect` guesses the goal).
    private static readonly string[] LargerIsBetter = ["acc", "auc", "f1", "score", "r2", "precision", "recall", "iou", "map"];

    private string _source = "";
    private string _fileName = DefaultFileName;
    private string? _detectedFileName;
    private ScriptDetectionResult? _result;
    private List<DetectedParameterRow> _rows = [];
    private IReadOnlyList<ProjectSummary> _projects = [];
    private string? _project;
    private string _metric = "loss";
    private string _goal = "minimize";
    private int _trials = 20;
    private int _parallel = 1;
    private string _workdir = "";
    private bool _detecting;
    private bool _launching;
    private IReadOnlyList<SpecIssue> _launchErrors = [];

    /// <summary>The project to launch into, preselected from <c>?project=</c>.</summary>
    [SupplyParameterFromQuery(Name = "project")] public string? ProjectKey { get; set; }

    [Inject] private IScriptDetection Detection { get; set; } = default!;

    [Inject] private IDashboardQueries Queries { get; set; } = default!;

    [Inject] private IDashboardCommands Commands { get; set; } = default!;

    [Inject] private ISweepSpecChecker Checker { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private SpaceDetection? Detected => _result?.Detection;

    private IEnumerable<DetectedParameterRow> Included => _rows.Where(r => r.Include);

    private bool CanLaunch => Detected is not null && Included.Any() && _rows.All(r => r.Problem is null) && _project is not null
        && SpecIssues.Count == 0 && !_launching;

    /// <summary>The proposed spec as it stands, with the rewritten script's final place in the command once it is saved.</summary>
    private string SpecPreview => Detected is null || !Included.Any() || _rows.Any(r => r.Problem is not null)
        ? ""
        : DetectedSpecWriter.Write(Edited(Detected), SpecOptions(RewrittenName));

    private IReadOnlyList<SpecIssue> SpecIssues => SpecPreview.Length == 0 ? [] : Checker.Check(SpecPreview);

    private string RewrittenName => Path.GetFileNameWithoutExtension(_detectedFileName ?? DefaultFileName) + "_ehub.py";

    protected override async Task OnInitializedAsync()
    {
        _projects = await Queries.GetProjectsAsync(CancellationToken.None);
        _project = _projects.FirstOrDefault(p => p.Key == ProjectKey)?.Key ?? (_projects.Count > 0 ? _projects[0].Key : null);
    }

    private async Task DetectAsync()
    {
        _detecting = true;
        _launchErrors = [];
        try
        {
            var name = string.IsNullOrWhiteSpace(_fileName) ? DefaultFileName : _fileName.Trim();
            _result = await Detection.DetectAsync(_source, name, CancellationToken.None);
            _detectedFileName = name;
            _rows = _result.Detection?.Parameters.Select(p => new DetectedParameterRow(p)).ToList() ?? [];
        }
        finally
        {
            _detecting = false;
        }
    }

    private async Task UploadAsync(IBrowserFile? file)
    {
        if (file is null)
        {
            return;
        }
        if (file.Size > PythonScriptDetection.MaxScriptChars)
        {
            _result = ScriptDetectionResult.Refused($"{file.Name} is {file.Size:N0} bytes; a training script of at most {PythonScriptDetection.MaxScriptChars:N0} is read.");
            _rows = [];
            return;
        }
        await using var stream = file.OpenReadStream(PythonScriptDetection.MaxScriptChars);
        using var reader = new StreamReader(stream);
        _source = await reader.ReadToEndAsync();
        _fileName = file.Name;
        await DetectAsync();
    }

    private void OnMetricChanged()
    {
        _goal = LargerIsBetter.Any(w => _metric.Contains(w, StringComparison.OrdinalIgnoreCase)) ? "maximize" : "minimize";
    }

    private async Task LaunchAsync()
    {
        if (Detected is not { } detected || _project is not { } project || !CanLaunch)
        {
            return;
        }
        _launching = true;
        try
        {
            var script = await Detection.SaveRewrittenScriptAsync(detected.RewrittenScript, RewrittenName, CancellationToken.None);
            var spec = DetectedSpecWriter.Write(Edited(detected), SpecOptions(script));
            var result = await Commands.SubmitSweepAsync(project, spec, CancellationToken.None);
            if (result.Succeeded)
            {
                Navigation.NavigateTo($"sweeps/{result.Value.ToString(CultureInfo.InvariantCulture)}");
                return;
            }
            _launchErrors = result.Errors;
        }
        finally
        {
            _launching = false;
        }
    }

    private SpaceDetection Edited(SpaceDetection detected) =>
        detected with { Parameters = Included.Select(r => r.ToParameter()).ToList() };

    private DetectedSpecOptions SpecOptions(string script)
    {
        var name = new string(Path.GetFileNameWithoutExtension(_detectedFileName ?? DefaultFileName)
            .Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray());
        return new DetectedSpecOptions
        {
            ScriptName = _detectedFileName ?? DefaultFileName,
            SweepName = name.Length == 0 ? "detected" : name,
            Command = [PythonDetector.DefaultPython, script],
            // The trials run where the user's data is; without a folder, beside the stored script.
            Workdir = string.IsNullOrWhiteSpace(_workdir) ? (Path.IsPathRooted(script) ? Path.GetDirectoryName(script) : null) : _workdir.Trim(),
            Metric = _metric.Trim(),
            Goal = _goal == "maximize" ? Goal.Maximize : Goal.Minimize,
            Trials = _trials,
            Parallel = _parallel,
        };
    }

    private static string Lines(IEnumerable<int> lines) => string.Join(", ", lines.Distinct().Order());
}
