using ExperimentHub.Server.Components.Services.Models;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ExperimentHub.Server.Components.Controls;

public sealed partial class RunsGrid
{
    private MudDataGrid<RunRow>? _grid;
    private IReadOnlyList<GridValueColumn<RunRow>> _columns = [];
    private IReadOnlyList<RunRow>? _built;

    [Parameter, EditorRequired] public IReadOnlyList<RunRow> Runs { get; set; } = [];

    [Parameter] public string Caption { get; set; } = "";

    /// <summary>The tallest the grid gets; a short list takes only the height of its rows.</summary>
    [Parameter] public int MaxHeight { get; set; } = 520;

    [Parameter] public string TestId { get; set; } = "runs-grid";

    [Parameter] public string CsvFileName { get; set; } = "runs.csv";

    /// <summary>Shows a tick box per run; <see cref="Selected"/> and <see cref="SelectedChanged"/> hold the ticks.</summary>
    [Parameter] public bool Selectable { get; set; }

    [Parameter] public IReadOnlySet<long> Selected { get; set; } = new HashSet<long>();

    [Parameter] public EventCallback<(long RunId, bool On)> SelectedChanged { get; set; }

    /// <summary>Header, rows and a little room (virtualization needs a fixed height), at most <see cref="MaxHeight"/>.</summary>
    private string GridHeight => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Math.Min(MaxHeight, 64 + Math.Max(Runs.Count, 2) * 41)}px");

    protected override void OnParametersSet()
    {
        // New columns only for new rows: the grid keeps its sort, filters and hidden columns across live refreshes.
        if (!ReferenceEquals(_built, Runs))
        {
            _built = Runs;
            _columns = RunGridColumns.For(Runs, _columns);
        }
    }

    private Task ToggleAsync(long runId, bool on) => SelectedChanged.InvokeAsync((runId, on));

    /// <summary>The rows the grid's filters leave, every column but the tick boxes, values as stored.</summary>
    private string BuildCsv()
    {
        IEnumerable<RunRow> rows = _grid?.FilteredItems ?? Runs;
        List<string> headers =
        [
            "id", "name", "status", "sweepId",
            .. _columns.Select(c => (c.Key.StartsWith("p_", StringComparison.Ordinal) ? "param." : "metric.") + c.Title),
            "createdAt",
        ];
        return CsvText.Write(headers, rows.Select(r => (IReadOnlyList<string>)
        [
            r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Name ?? "", r.Status,
            r.SweepId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            .. _columns.Select(c => c.Csv(r)),
            r.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ]));
    }
}
