using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Components.Services.Models;
using ExperimentHub.Server.Dispatch;
using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Pages.Sweeps;

public sealed partial class NewSweep
{
    private static readonly string[] Methods = ["tpe", "bayes", "cmaes", "random", "grid"];
    private static readonly string[] Acquisitions = ["ei", "pi", "ucb", "thompson"];
    private static readonly string[] Goals = ["minimize", "maximize"];
    private static readonly string[] Types = ["float", "int", "categorical"];

    private readonly SweepForm _form = new();
    private IReadOnlyList<SpecIssue> _issues = [];
    private string _yaml = "";
    private int _tab;
    private bool _busy;
    private string? _submitError;
    private IReadOnlyList<LaunchNote> _launchNotes = [];

    [Parameter] public string ProjectKey { get; set; } = "";

    [Inject] private ISweepSpecChecker Checker { get; set; } = default!;

    [Inject] private IDashboardCommands Commands { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private ILaunchChecks LaunchChecks { get; set; } = default!;

    /// <summary>Paths the form shows next to a field; other errors are listed under the form.</summary>
    private IReadOnlyList<string> PlacedPaths =>
    [
        "name", "command", "budget.trials", "budget.parallel", "objectives", "acquisition", "acquisition.type", "acquisition.xi", "acquisition.kappa",
        .. _form.Objectives.Select((_, i) => $"objectives[{i}]"),
        "parameters",
        .. _form.Parameters.Select(p => $"parameters.{p.Name}"),
    ];

    protected override async Task OnInitializedAsync()
    {
        _yaml = _form.ToYaml();
        Validate();
        await CheckLaunchAsync();
    }

    private async Task ValidateAndCheckAsync()
    {
        Validate();
        await CheckLaunchAsync();
    }

    /// <summary>
    /// Whether the agents can run the spec's command in its working folder, and have room for its parallel trials:
    /// read from the spec as it stands (form or YAML), so that the check at launch sees what is launched.
    /// </summary>
    private async Task CheckLaunchAsync()
    {
        var parsed = SweepSpecParser.ParseYaml(_yaml);
        _launchNotes = parsed.Spec is { } spec
            ? await LaunchChecks.CheckAsync(spec.Command, spec.Workdir, spec.Budget.Parallel, CancellationToken.None)
            : await LaunchChecks.CheckAsync(SweepForm.SplitCommand(_form.Command), _form.Workdir, _form.Parallel, CancellationToken.None);
    }

    private void Validate()
    {
        _yaml = _form.ToYaml();
        _issues = Checker.Check(_yaml);
    }

    private void ValidateYaml() => _issues = Checker.Check(_yaml);

    /// <summary>Whether a spec error belongs to the field at this path (or below it): the field shows it in red.</summary>
    private bool HasIssues(string path) => _issues.Any(i =>
        string.Equals(i.Path, path, StringComparison.Ordinal) ||
        (i.Path.StartsWith(path, StringComparison.Ordinal) && i.Path.Length > path.Length && i.Path[path.Length] is '.' or '['));

    private async Task OnTabChanged()
    {
        // The YAML editor starts from the form; going back to the form keeps the YAML's errors until the form changes.
        if (_tab == 1)
        {
            _issues = Checker.Check(_yaml);
        }
        await CheckLaunchAsync();
    }

    private void AddObjective()
    {
        _form.Objectives.Add(new ObjectiveField { Metric = "", Goal = "maximize" });
        Validate();
    }

    private void RemoveObjective(int index)
    {
        _form.Objectives.RemoveAt(index);
        Validate();
    }

    private void AddParameter()
    {
        _form.Parameters.Add(new ParameterField { Name = $"p{_form.Parameters.Count + 1}", Type = "float", Min = 0, Max = 1 });
        Validate();
    }

    private void RemoveParameter(int index)
    {
        _form.Parameters.RemoveAt(index);
        Validate();
    }

    private async Task LaunchAsync()
    {
        _busy = true;
        _submitError = null;
        try
        {
            await CheckLaunchAsync();
            if (_launchNotes.Where(n => n.Blocks).Select(n => n.Message).ToList() is { Count: > 0 } blocking)
            {
                _submitError = "The sweep was not launched: " + string.Join(" ", blocking);
                return;
            }
            var result = await Commands.SubmitSweepAsync(ProjectKey, _yaml, CancellationToken.None);
            if (result.Succeeded)
            {
                Navigation.NavigateTo($"sweeps/{result.Value}");
                return;
            }
            _issues = result.Errors;
            _submitError = "The sweep was not launched: " + string.Join(" ", result.Errors.Select(e => e.Message));
        }
        finally
        {
            _busy = false;
        }
    }
}
