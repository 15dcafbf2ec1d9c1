using System.Text.Json;
using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>Parallel coordinates of parameters and objectives; brushing an axis reports the ranges to the page.</summary>
public sealed class ParallelCoordinatesChart : ChartBase
{
    [Parameter, EditorRequired] public ParcoordsData Data { get; set; } = default!;

    /// <summary>Every brushed axis with its ranges; empty when nothing is brushed.</summary>
    [Parameter] public EventCallback<IReadOnlyList<AxisBrush>> OnBrush { get; set; }

    protected override string Kind => "parcoords";

    protected override object DataIdentity => Data;

    protected override object BuildPayload() => new
    {
        dimensions = Data.Dimensions.Select(d =>
        {
            // Missing values (an inactive conditional parameter) sit just below the axis, not on a real value.
            var span = d.Max > d.Min ? d.Max - d.Min : 1;
            var missing = d.Min - span * 0.08;
            var hasMissing = d.Values.Any(v => !double.IsFinite(v));
            var values = d.Values.Select(v => double.IsFinite(v) ? v : missing).ToArray();
            var (tickValues, tickText) = Ticks(d, hasMissing, missing);
            return new
            {
                label = d.Label,
                values,
                range = new[] { hasMissing ? missing : d.Min, d.Max > d.Min ? d.Max : d.Min + 1 },
                tickvals = tickValues,
                ticktext = tickText,
            };
        }),
        color = Data.Color.Select(c => ChartPayload.Finite(c) ?? 0),
        colorTitle = Data.ColorTitle,
        reverseScale = Data.LowerIsBetter,
    };

    private static (double[]? Values, string[]? Text) Ticks(ParcoordsDimension d, bool hasMissing, double missing)
    {
        List<double>? values = null;
        List<string>? text = null;
        if (d.TickValues is not null && d.TickText is not null)
        {
            values = [.. d.TickValues];
            text = [.. d.TickText];
        }
        else if (d.Log)
        {
            // Log axes show the real values at each power of ten (and the ends) instead of their logarithms.
            values = [];
            text = [];
            for (var p = Math.Ceiling(d.Min); p <= Math.Floor(d.Max); p++)
            {
                values.Add(p);
                text.Add(Display.Number(Math.Pow(10, p)));
            }
            if (values.Count < 2)
            {
                values = [d.Min, d.Max];
                text = [Display.Number(Math.Pow(10, d.Min)), Display.Number(Math.Pow(10, d.Max))];
            }
        }
        if (hasMissing && values is not null && text is not null)
        {
            values.Add(missing);
            text.Add("n/a");
        }
        return (values?.ToArray(), text?.ToArray());
    }

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
