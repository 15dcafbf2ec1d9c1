using ExperimentHub.Server.Components.Dialogs;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ExperimentHub.Server.Tests.Components;

/// <summary>Opens the create-project dialog on first render, as the projects page does, so a test can drive it alone.</summary>
internal sealed class CreateProjectHost : ComponentBase
{
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await Dialogs.ShowAsync<CreateProjectDialog>("New project");
        }
    }
}
