using System.Globalization;
using System.Text.RegularExpressions;
using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Components.Controls;
using ExperimentHub.Server.Components.Services.Models;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace ExperimentHub.Server.Components.Pages.Sweeps;

public sealed partial class TrialsTable
{
    // Pixel widths: the fixed columns hold a trial number, a state badge, a duration; the others share the rest.
    // Filters sit in each column's menu (the header's ⋮), not as icons, so the headers stay narrow.
    private const int NumberWidth = 80;
    private const int StateWidth = 124;
    private const int SecondsWidth = 100;
    private const int ValueMinWidth = 110;

    /// <summary>A dense row with a state chip, in pixels: what the virtualizer counts per row.</summary>
    private const float RowHeight = 37;

    private MudDataGrid<TrialGridRow>? _grid;
    private TrialGridRows _table = TrialGridRows.Empty;
    private object? _built;
    private Func<TrialGridRow, bool>? _selectionFilter;

    /// <summary>The trials to list (the page passes those inside its charts' brushes, or all of them).</summary>
    [Parameter, EditorRequired] public IReadOnlyList<TrialRow> Trials { get; set; } = [];

    [Parameter, EditorRequired] public SweepSpec Spec { get; set; } = default!;

    /// <summary>When set, only the trials of these runs are listed (a selection made on a chart).</summary>
    [Parameter] public IReadOnlySet<long>? SelectedRunIds { get; set; }

    /// <summary>Shown at the left of the grid's toolbar (the page's count or brush caption).</summary>
    [Parameter] public RenderFragment? Caption { get; set; }

    [Parameter] public string Height { get; set; } = "460px";

    [Parameter] public string CsvFileName { get; set; } = "trials.csv";

    [Inject] private TimeProvider Time { get; set; } = default!;

    private IReadOnlyList<TrialGridRow> Rows => _table.Rows;

    private IReadOnlyList<GridValueColumn<TrialGridRow>> Columns => _table.Columns;

    /// <summary>The narrowest the table may get before it scrolls: every column at its width or minimum.</summary>
    private int MinTableWidth => NumberWidth + StateWidth + SecondsWidth + Columns.Count * ValueMinWidth;

    protected override void OnParametersSet()
    {
        if (SelectedRunIds is { } selected)
        {
            _selectionFilter = row => selected.Contains(row.RunId);
        }
        else
        {
            _selectionFilter = null;
        }
        // Rebuild the rows only when the trials changed: the grid keeps its sort, filters and hidden columns across refreshes.
        if (ReferenceEquals(_built, Trials))
        {
            return;
        }
        _built = Trials;
        _table = TrialGridRows.Build(Trials, Spec, Time.GetUtcNow(), _table);
    }

    /// <summary>The rows the selection and the grid's filters leave, with every value column.</summary>
    private string BuildCsv()
    {
        IEnumerable<TrialGridRow> rows = _grid?.FilteredItems ?? Rows;
        List<string> headers = ["trial", "runId", "state", .. Columns.Select(c => c.Title), "seconds"];
        return CsvText.Write(headers, rows.Select(r => (IReadOnlyList<string>)
        [
            r.Number.ToString(CultureInfo.InvariantCulture),
            r.RunId.ToString(CultureInfo.InvariantCulture),
            r.State,
            .. Columns.Select(c => c.Csv(r)),
            CsvText.Number(r.Seconds),
        ]));
    }

    private static string Width(int pixels) => string.Create(CultureInfo.InvariantCulture, $"width:{pixels}px");

    /// <summary>The title with a line-break opportunity after each separator, so "weight_decay" wraps as a word.</summary>
    private static MarkupString Breakable(string title) =>
        new(Regex.Replace(System.Net.WebUtility.HtmlEncode(title), "([_./-])", "$1<wbr>"));
}
