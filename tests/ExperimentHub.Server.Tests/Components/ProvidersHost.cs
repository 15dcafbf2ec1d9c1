using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace ExperimentHub.Server.Tests.Components;

/// <summary>What MainLayout holds for every page: the providers MudBlazor's popovers, dialogs and snackbars render into.</summary>
internal sealed class ProvidersHost : ComponentBase
{
    [Parameter] public RenderFragment? ChildContent { get; set; }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenComponent<MudThemeProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudPopoverProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(2);
        builder.CloseComponent();
        builder.OpenComponent<MudSnackbarProvider>(3);
        builder.CloseComponent();
        builder.AddContent(4, ChildContent);
    }
}
