using System.Globalization;
using ExperimentHub.Server.Components.Charts;
using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Components.Services.Models;
using ExperimentHub.Server.Events;
using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Pages.Runs;

public sealed partial class RunCompare : IDisposable
{
    private const int MaxRuns = 20;

    private readonly CancellationTokenSource _cts = new();
    private IDisposable? _subscription;
    private string _idsText = "";
    private string? _error;
    private IReadOnlyList<RunOverview> _runs = [];
    private IReadOnlyList<RunRow> _rows = [];
    private List<string> _keys = [];
    private string? _metric;
    private IReadOnlyList<MetricCurve> _curves = [];

    [SupplyParameterFromQuery(Name = "ids")] public string? Ids { get; set; }

    [SupplyParameterFromQuery(Name = "metric")] public string? Metric { get; set; }

    [Inject] private IDashboardQueries Queries { get; set; } = default!;

    [Inject] private IExperimentEvents Events { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _idsText = Ids ?? "";
        _metric = Metric;
        await LoadAsync();
    }

    private Task ApplyIdsAsync()
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["ids"] = string.Join(',', ParseIds(_idsText, out _)),
            ["metric"] = _metric,
        }));
        return Task.CompletedTask;
    }

    private async Task SelectMetricAsync(string key)
    {
        _metric = key;
        _curves = await LoadCurvesAsync();
    }

    private async Task LoadAsync()
    {
        _subscription?.Dispose();
        _subscription = null;

        var ids = ParseIds(_idsText, out _error);
        var runs = new List<RunOverview>();
        var missing = new List<long>();
        foreach (var id in ids)
        {
            if (await Queries.GetRunAsync(id, _cts.Token) is { } run)
            {
                runs.Add(run);
            }
            else
            {
                missing.Add(id);
            }
        }
        if (missing.Count > 0)
        {
            _error = $"No run with the id {string.Join(", ", missing)} exists in a project you are a member of.";
        }
        else if (ids.Count == 1)
        {
            _error ??= "Add the ids of the runs to compare with, separated by commas.";
        }
        _runs = runs;
        _rows = runs.Select(ToRow).ToList();
        // One subscription for all the runs: points arriving on several of them at once cost one redraw.
        _subscription = Events.Subscribe([.. runs.Select(r => ExperimentTopic.Run(r.Id))], OnRunChangedAsync);
        _keys = runs.SelectMany(r => r.MetricKeys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (_metric is null || !_keys.Contains(_metric))
        {
            _metric = _keys.Count > 0 ? _keys[0] : null;
        }
        _curves = await LoadCurvesAsync();
    }

    private async Task OnIdsKeyDownAsync(Microsoft.AspNetCore.Components.Web.KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            await ApplyIdsAsync();
        }
    }

    /// <summary>A compared run as a grid row; parameters that read as numbers become numbers, so they sort as such.</summary>
    internal static RunRow ToRow(RunOverview run) => new(run.Id, run.Name, run.Status, run.SweepId, run.CreatedAt, run.FinishedAt, run.Summary,
        run.Parameters.ToDictionary(p => p.Key,
            p => double.TryParse(p.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : (object)p.Value,
            StringComparer.Ordinal));

    private async Task<IReadOnlyList<MetricCurve>> LoadCurvesAsync()
    {
        if (_metric is not { } key)
        {
            return [];
        }
        var curves = new List<MetricCurve>();
        foreach (var run in _runs.Where(r => r.MetricKeys.Contains(key)))
        {
            var data = await Queries.GetSeriesAsync(run.Id, key, RunDetail.MaxPoints, _cts.Token);
            curves.Add(new MetricCurve($"{run.Name ?? "run"} #{run.Id}", run.Id, data.Steps, data.Values, data.Times));
        }
        return curves;
    }

    private async Task OnRunChangedAsync()
    {
        var curves = await LoadCurvesAsync();
        await InvokeAsync(() =>
        {
            _curves = curves;
            StateHasChanged();
        });
    }

    /// <summary>Reads "12, 15 18" into distinct ids; anything else is named in <paramref name="error"/>.</summary>
    internal static IReadOnlyList<long> ParseIds(string text, out string? error)
    {
        error = null;
        var ids = new List<long>();
        var bad = new List<string>();
        foreach (var part in text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (long.TryParse(part.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                if (!ids.Contains(id))
                {
                    ids.Add(id);
                }
            }
            else
            {
                bad.Add(part);
            }
        }
        if (bad.Count > 0)
        {
            error = $"'{string.Join("', '", bad)}' is not a run id (run ids are whole numbers).";
        }
        if (ids.Count > MaxRuns)
        {
            error = $"At most {MaxRuns} runs can be compared at once; showing the first {MaxRuns}.";
            ids = ids.Take(MaxRuns).ToList();
        }
        return ids;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _cts.Cancel();
        _cts.Dispose();
    }
}
