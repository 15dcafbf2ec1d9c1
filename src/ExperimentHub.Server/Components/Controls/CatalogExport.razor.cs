using System.Globalization;
using ExperimentHub.Server.Components.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ExperimentHub.Server.Components.Controls;

/// <summary>
/// Downloads the run catalog (of one project, or all) as CSV, JSON Lines or Parquet, with a progress bar: the browser
/// streams the export and reports what arrived; the file is saved when it is complete.
/// </summary>
public sealed partial class CatalogExport
{
    private static readonly string[] Formats = ["csv", "jsonl", "parquet"];

    private DotNetObjectReference<CatalogExport>? _self;
    private string _format = "csv";
    private bool _busy;
    private long _bytes;
    private double _fraction = -1;
    private long? _savedBytes;
    private string? _error;

    /// <summary>The project whose runs to export; null for every project.</summary>
    [Parameter] public string? ProjectKey { get; set; }

    [Inject] private DashboardScript Script { get; set; } = default!;

    /// <summary>The URL the button downloads.</summary>
    public string Url => CatalogDownloads.Path + "?format=" + _format +
        (ProjectKey is null ? "" : "&project=" + Uri.EscapeDataString(ProjectKey));

    private string FileName => (ProjectKey ?? "all") + "-runs." + _format;

    private string Status => _savedBytes is { } saved
        ? $"saved {FileName} ({Display.Bytes(saved)})"
        : _fraction >= 0
            ? string.Create(CultureInfo.InvariantCulture, $"{Display.Bytes(_bytes)} received, {_fraction:P0} of the runs")
            : $"{Display.Bytes(_bytes)} received";

    /// <summary>Called by the browser as the export arrives; <paramref name="fraction"/> is -1 while unknown.</summary>
    [JSInvokable]
    public Task Progress(long bytes, double fraction)
    {
        _bytes = bytes;
        _fraction = fraction;
        return InvokeAsync(StateHasChanged);
    }

    private async Task DownloadAsync()
    {
        (_busy, _error, _savedBytes, _bytes, _fraction) = (true, null, null, 0, -1);
        _self ??= DotNetObjectReference.Create(this);
        try
        {
            _savedBytes = await Script.DownloadWithProgressAsync(Url, FileName, _self);
        }
        catch (JSException ex)
        {
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    public void Dispose() => _self?.Dispose();
}
