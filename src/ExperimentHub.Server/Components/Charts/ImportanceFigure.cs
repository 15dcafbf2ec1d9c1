using System.Globalization;
using Plotly.Blazor;
using Plotly.Blazor.Traces;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>Each parameter's share of the objective's variance as a horizontal bar, largest on top.</summary>
public static class ImportanceFigure
{
    public static ChartFigure Build(IReadOnlyList<KeyValuePair<string, double>> shares, string metric, int minTrials)
    {
        ArgumentNullException.ThrowIfNull(shares);
        if (shares.Count == 0)
        {
            return ChartFigure.Empty($"Parameter importance needs at least {minTrials} completed trials with {metric}.");
        }
        // Plotly draws the first category at the bottom: smallest first puts the largest on top.
        var ordered = shares
            .Select(s => (s.Key, Value: double.IsFinite(s.Value) ? Math.Clamp(s.Value, 0, 1) : 0))
            .OrderBy(s => s.Value).ThenByDescending(s => s.Key, StringComparer.Ordinal)
            .ToList();
        var bars = new Bar
        {
            Name = "importance",
            Orientation = Plotly.Blazor.Traces.BarLib.OrientationEnum.H,
            X = [.. ordered.Select(s => (object)s.Value)],
            Y = [.. ordered.Select(s => (object)s.Key)],
            TextArray = [.. ordered.Select(s => (s.Value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%")],
            // Beside the bar, in the theme's text colour: inside a bar, plotly picks black or white against the bar, which
            // read poorly on the dark theme's lighter primary. The right margin holds the share of the longest bar.
            TextPosition = Plotly.Blazor.Traces.BarLib.TextPositionEnum.Outside,
            ClipOnAxis = false,
            Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = ChartLook.Primary },
            HoverTemplate = "%{y}: %{x:.1%} of the variance<extra></extra>",
        };
        var x = ChartLook.XAxis($"share of the variance of {metric}");
        x.TickFormat = ".0%";
        x.Range = [0, Math.Min(1, Math.Max(0.1, ordered.Max(s => s.Value) * 1.15))];
        var y = ChartLook.YAxis("");
        y.Type = Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Category;
        var layout = ChartLook.Layout(x, y, metric);
        layout.Margin!.L = ChartLook.LabelMargin(ordered.Select(s => s.Key), titled: false);
        layout.Margin.R = 48;
        return new ChartFigure(new List<ITrace> { bars }, layout, shares.Count, [[]]);
    }
}
