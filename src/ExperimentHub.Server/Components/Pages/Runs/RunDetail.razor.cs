using ExperimentHub.Server.Components.Charts;
using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Components.Services.Models;
using ExperimentHub.Server.Events;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ExperimentHub.Server.Components.Pages.Runs;

public sealed partial class RunDetail : IDisposable
{
    /// <summary>Points per curve: the server downsamples longer series keeping their shape.</summary>
    internal const int MaxPoints = 1000;

    private readonly CancellationTokenSource _cts = new();
    private readonly Dictionary<string, IReadOnlyList<MetricCurve>> _curves = new(StringComparer.Ordinal);
    private RunOverview? _run;
    private bool _loaded;
    private IReadOnlyList<SeriesData> _series = [];
    private IDisposable? _subscription;

    [Parameter] public long RunId { get; set; }

    [Inject] private IDashboardQueries Queries { get; set; } = default!;

    [Inject] private IExperimentEvents Events { get; set; } = default!;

    [Inject] private TimeProvider Time { get; set; } = default!;

    private IReadOnlyList<BreadcrumbItem> Crumbs => _run is null ? [] :
    [
        new("Projects", "projects"),
        new(_run.ProjectKey, $"projects/{_run.ProjectKey}"),
        .. _run.SweepId is { } sweepId ? [new BreadcrumbItem($"sweep #{sweepId}", $"sweeps/{sweepId}")] : Array.Empty<BreadcrumbItem>(),
    ];

    protected override async Task OnParametersSetAsync()
    {
        _subscription?.Dispose();
        _subscription = null;
        (_run, _series) = await LoadAsync();
        _loaded = true;
        if (_run is not null)
        {
            _subscription = Events.Subscribe(ExperimentTopic.Run(RunId), OnRunChangedAsync);
        }
    }

    private async Task<(RunOverview?, IReadOnlyList<SeriesData>)> LoadAsync()
    {
        var run = await Queries.GetRunAsync(RunId, _cts.Token);
        if (run is null)
        {
            return (null, []);
        }
        var series = new List<SeriesData>(run.MetricKeys.Count);
        foreach (var key in run.MetricKeys)
        {
            series.Add(await Queries.GetSeriesAsync(RunId, key, MaxPoints, _cts.Token));
        }
        return (run, series);
    }

    private async Task OnRunChangedAsync()
    {
        var (run, series) = await LoadAsync();
        await InvokeAsync(() =>
        {
            _run = run;
            _series = series;
            StateHasChanged();
        });
    }

    /// <summary>The chart's curve, cached per metric so an unchanged curve is not redrawn.</summary>
    private IReadOnlyList<MetricCurve> ToCurves(SeriesData data)
    {
        if (_curves.TryGetValue(data.Key, out var cached) && ReferenceEquals(cached[0].Values, data.Values))
        {
            return cached;
        }
        IReadOnlyList<MetricCurve> curves = [new MetricCurve(_run?.Name ?? $"run {RunId}", RunId, data.Steps, data.Values, data.Times)];
        _curves[data.Key] = curves;
        return curves;
    }

    private string ErrorTitle => _run?.Status switch
    {
        "failed" => "Why it failed",
        "timed_out" => "Why it timed out",
        "stopped" or "pruned" => "Why it stopped",
        _ => "Last failure (it is being retried)",
    };

    private static string PointsNote(SeriesData data) =>
        data.TotalPoints > data.Steps.Count ? $"{data.TotalPoints:N0} points, {data.Steps.Count:N0} shown" : $"{data.TotalPoints:N0} points";

    /// <summary>The files the agent stored from the trial's model folder (the spec's <c>artifacts</c>).</summary>
    private List<ArtifactRow>? ModelFiles =>
        _run?.Artifacts.Where(a => a.Path.StartsWith(Core.Specs.ArtifactsSpec.ModelPrefix, StringComparison.Ordinal)).ToList();

    private string ArtifactLink(ArtifactRow artifact) =>
        $"ui/runs/{RunId}/artifacts/{string.Join('/', artifact.Path.Split('/').Select(Uri.EscapeDataString))}";

    public void Dispose()
    {
        _subscription?.Dispose();
        _cts.Cancel();
        _cts.Dispose();
    }
}
