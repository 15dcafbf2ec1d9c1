using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>
/// Parallel coordinates of parameters and objectives (plotly's parcoords). Dragging along an axis brushes a range;
/// every change reports all brushed axes to the page, which filters the table and the other charts.
/// </summary>
public sealed partial class ParallelCoordinatesChart : PlotlyChartBase
{
    private readonly SortedDictionary<int, IReadOnlyList<BrushRange>> _brushes = [];

    [Parameter, EditorRequired] public ParcoordsData Data { get; set; } = default!;

    /// <summary>
    /// The brushes in effect, drawn when the chart is built (a new sweep's data, or trials picked elsewhere); not part
    /// of what redraws the chart, since a brush made here is already drawn.
    /// </summary>
    [Parameter] public IReadOnlyList<AxisBrush> Brushes { get; set; } = [];

    /// <summary>Per line (in <see cref="Data"/>'s order): picked on another chart; null when nothing is picked.</summary>
    [Parameter] public IReadOnlyList<bool>? Highlighted { get; set; }

    /// <summary>Bumped by the page when it clears the brushes itself, so the chart redraws without them.</summary>
    [Parameter] public int Generation { get; set; }

    /// <summary>Every brushed axis with its ranges; empty when nothing is brushed.</summary>
    [Parameter] public EventCallback<IReadOnlyList<AxisBrush>> OnBrush { get; set; }

    protected override string Kind => "parcoords";

    protected override object DataIdentity => (Data, Highlighted, Generation);

    protected override bool ListensToRestyle => true;

    protected override ChartFigure BuildFigure()
    {
        _brushes.Clear();
        foreach (var brush in Brushes)
        {
            _brushes[brush.Dimension] = brush.Ranges;
        }
        return ParcoordsFigure.Build(Data, Brushes, Highlighted);
    }

    protected override async Task OnRestyleAsync(IDictionary<string, JsonElement> changes)
    {
        var changed = false;
        foreach (var (key, value) in changes)
        {
            var match = ConstraintKey().Match(key);
            if (!match.Success || !int.TryParse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture, out var index)
                || index < 0 || index >= Data.Dimensions.Count)
            {
                continue;
            }
            var ranges = Ranges(value);
            if (ranges.Count == 0)
            {
                _brushes.Remove(index);
            }
            else
            {
                _brushes[index] = ranges;
            }
            changed = true;
        }
        if (changed)
        {
            await OnBrush.InvokeAsync([.. _brushes.Select(b => new AxisBrush(b.Key, b.Value))]);
        }
    }

    /// <summary>
    /// A constraint range as plotly reports it: null (cleared), [low, high], or [[low, high], ...]; restyle wraps
    /// each value in one more array (one per trace).
    /// </summary>
    internal static IReadOnlyList<BrushRange> Ranges(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return [];
        }
        var items = value.EnumerateArray().ToList();
        if (items.Count == 1 && items[0].ValueKind is JsonValueKind.Array or JsonValueKind.Null)
        {
            return Ranges(items[0]);
        }
        if (items.Count == 2 && items.All(i => i.ValueKind == JsonValueKind.Number))
        {
            var (a, b) = (items[0].GetDouble(), items[1].GetDouble());
            return [new BrushRange(Math.Min(a, b), Math.Max(a, b))];
        }
        return [.. items.Where(i => i.ValueKind == JsonValueKind.Array).SelectMany(Ranges)];
    }

    [GeneratedRegex(@"^dimensions\[(\d+)\]\.constraintrange$")]
    private static partial Regex ConstraintKey();
}
