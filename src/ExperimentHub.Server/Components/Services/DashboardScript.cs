using Microsoft.JSInterop;

namespace ExperimentHub.Server.Components.Services;

/// <summary>
/// The dashboard's one JS module (wwwroot/js/dashboard.js), imported on first use: the remembered light or dark
/// theme and file downloads (with progress, for streamed exports). One per circuit; a closed circuit is not an error.
/// </summary>
public sealed class DashboardScript(IJSRuntime js) : IAsyncDisposable
{
    private Task<IJSObjectReference>? _module;

    /// <summary>True or false for a choice the user made earlier; null when the system setting applies.</summary>
    public async Task<bool?> LoadDarkModeAsync()
    {
        var module = await ModuleAsync();
        return await module.InvokeAsync<string?>("loadTheme") switch
        {
            "dark" => true,
            "light" => false,
            _ => null,
        };
    }

    public async Task SaveDarkModeAsync(bool dark)
    {
        var module = await ModuleAsync();
        await module.InvokeVoidAsync("saveTheme", dark ? "dark" : "light");
    }

    public async Task DownloadTextAsync(string fileName, string mimeType, string text)
    {
        var module = await ModuleAsync();
        await module.InvokeVoidAsync("downloadText", fileName, mimeType, text);
    }

    /// <summary>
    /// Fetches <paramref name="url"/> (a streamed export) with the page's cookie and saves it as
    /// <paramref name="fileName"/>, reporting progress to <paramref name="progress"/>'s <c>Progress(bytes, fraction)</c>.
    /// Returns the bytes saved; a refused request throws a <see cref="JSException"/> with the server's reason.
    /// </summary>
    public async Task<long> DownloadWithProgressAsync<T>(string url, string fileName, DotNetObjectReference<T> progress)
        where T : class
    {
        var module = await ModuleAsync();
        return await module.InvokeAsync<long>("downloadWithProgress", url, fileName, progress);
    }

    private Task<IJSObjectReference> ModuleAsync() =>
        _module ??= js.InvokeAsync<IJSObjectReference>("import", "./js/dashboard.js").AsTask();

    public async ValueTask DisposeAsync()
    {
        if (_module is not { IsCompletedSuccessfully: true } module)
        {
            return;
        }
        try
        {
            await module.Result.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the module with it.
        }
    }
}
