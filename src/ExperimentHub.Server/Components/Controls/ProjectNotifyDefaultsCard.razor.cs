using ExperimentHub.Server.Components.Services.Models;
using ExperimentHub.Server.Notifications;
using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Controls;

public sealed partial class ProjectNotifyDefaultsCard
{
    private string _text = "";
    private IReadOnlyList<SpecIssue> _errors = [];
    private bool _saving;
    private bool _saved;

    [Parameter, EditorRequired] public string ProjectKey { get; set; } = "";

    [Inject] private ProjectNotifyDefaults Defaults { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _text = await Defaults.GetAsync(ProjectKey, CancellationToken.None) ?? "";
        _errors = [];
        _saved = false;
    }

    private async Task SaveAsync()
    {
        _saving = true;
        _saved = false;
        try
        {
            var errors = await Defaults.SetAsync(ProjectKey, _text, CancellationToken.None);
            _errors = errors.Select(e => new SpecIssue(e.Path, e.Line, e.Column, e.Message)).ToList();
            _saved = errors.Count == 0;
        }
        finally
        {
            _saving = false;
        }
    }
}
