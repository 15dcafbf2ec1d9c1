using ExperimentHub.Server.Components.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;

namespace ExperimentHub.Server.Components.Layout;

/// <summary>
/// The shell: app bar, navigation drawer and the page. Dark mode follows the system until the user picks one with
/// the app bar's toggle; the pick is remembered in the browser.
/// </summary>
public sealed partial class MainLayout
{
    private MudThemeProvider? _themeProvider;
    private ErrorBoundary? _errorBoundary;
    private bool _drawerOpen = true;
    private bool _dark;
    private bool _userChose;

    [Inject] private DashboardScript Script { get; set; } = default!;

    // A failure belongs to the page it happened on: navigating elsewhere clears it.
    protected override void OnParametersSet() => _errorBoundary?.Recover();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || _themeProvider is null)
        {
            return;
        }
        try
        {
            var stored = await Script.LoadDarkModeAsync();
            var system = stored is null && await _themeProvider.GetSystemDarkModeAsync();
            await _themeProvider.WatchSystemDarkModeAsync(OnSystemDarkModeChangedAsync);
            // A click on the toggle while these answers were on their way wins over the stored and system settings.
            if (!_userChose)
            {
                _userChose = stored is not null;
                _dark = stored ?? system;
                StateHasChanged();
            }
        }
        catch (JSDisconnectedException)
        {
            // The page closed before the theme was read.
        }
    }

    private Task OnSystemDarkModeChangedAsync(bool dark)
    {
        if (!_userChose)
        {
            _dark = dark;
            StateHasChanged();
        }
        return Task.CompletedTask;
    }

    private async Task ToggleDarkModeAsync()
    {
        _dark = !_dark;
        _userChose = true;
        await Script.SaveDarkModeAsync(_dark);
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private void Recover() => _errorBoundary?.Recover();
}
