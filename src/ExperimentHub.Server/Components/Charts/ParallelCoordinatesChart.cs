using System.Text.Json;
using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>
/// Parallel coordinates of parameters and objectives (canvas, see <see cref="ChartBase"/>); brushing an axis reports
/// the ranges to the page, and trials picked on another chart stand out as brushed ones do.
/// </summary>
public sealed class ParallelCoordinatesChart : ChartBase
{
    [Parameter, EditorRequired] public ParcoordsData Data { get; set; } = default!;

    /// <summary>Bumped by the page when it clears the brushes itself, so the chart is drawn again without them.</summary>
    [Parameter] public int Generation { get; set; }

    /// <summary>Per line, whether it was picked with the box or lasso on another chart; null when nothing is picked.</summary>
    [Parameter] public IReadOnlyList<bool>? Picked { get; set; }

    /// <summary>Every brushed axis with its ranges; empty when nothing is brushed.</summary>
    [Parameter] public EventCallback<IReadOnlyList<AxisBrush>> OnBrush { get; set; }

    protected override string Kind => "parcoords";

    protected override object DataIdentity => (Data, Generation, Picked);

    protected override object BuildPayload() => ParcoordsPayload.Build(Data, Picked);

    protected override async Task OnChartEventAsync(string name, JsonElement data)
    {
        if (name != "brush" || data.ValueKind != JsonValueKind.Array)
        {
            return;
        }
        var brushes = new List<AxisBrush>();
        foreach (var axis in data.EnumerateArray())
        {
            var index = axis.GetProperty("index").GetInt32();
            var ranges = axis.GetProperty("ranges").EnumerateArray()
                .Select(r => new BrushRange(r[0].GetDouble(), r[1].GetDouble()))
                .ToList();
            if (index >= 0 && index < Data.Dimensions.Count && ranges.Count > 0)
            {
                brushes.Add(new AxisBrush(index, ranges));
            }
        }
        await OnBrush.InvokeAsync(brushes);
    }
}
