using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ParCoordsLib;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>
/// The parallel coordinates' figure (plotly's parcoords): one line per trial coloured by the objective, the axes in
/// axis units (log10 for log parameters, the choice index for categorical ones, named by ticks). Brushed ranges are
/// drawn as constraint ranges; trials picked on another chart keep their colour and the rest turn grey.
/// </summary>
public static class ParcoordsFigure
{
    /// <summary>Where unpicked lines fall on the colour scale: the grey band below the objective's colours.</summary>
    private const double GreyBand = 0.06;

    public static ChartFigure Build(ParcoordsData data, IReadOnlyList<AxisBrush> brushes, IReadOnlyList<bool>? highlighted)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(brushes);
        if (data.Color.Count == 0)
        {
            return ChartFigure.Empty($"No completed trial has {data.ColorTitle} yet: each finished trial adds a line.");
        }
        var dimensions = data.Dimensions.Select((d, i) => Dimension(d, brushes.FirstOrDefault(b => b.Dimension == i))).ToList();
        var (cmin, cmax) = FiniteRange(data.Color);
        var line = new Plotly.Blazor.Traces.ParCoordsLib.Line
        {
            ColorBar = new Plotly.Blazor.Traces.ParCoordsLib.LineLib.ColorBar
            {
                Title = new Plotly.Blazor.Traces.ParCoordsLib.LineLib.ColorBarLib.Title { Text = data.ColorTitle },
                Thickness = 14,
            },
        };
        if (highlighted is null)
        {
            line.ColorArray = [.. data.Color.Select(c => (object)Round(double.IsFinite(c) ? c : cmin))];
            line.CMin = (decimal)cmin;
            line.CMax = (decimal)cmax;
            line.ColorScale = ChartLook.ObjectiveScale;
            line.ReverseScale = data.LowerIsBetter;
            line.ShowScale = true;
        }
        else
        {
            // Picked lines keep the objective's colour (above the grey band); the others sit at 0, in grey.
            var span = cmax > cmin ? cmax - cmin : 1;
            line.ColorArray = [.. data.Color.Select((c, i) =>
            {
                var u = double.IsFinite(c) ? (c - cmin) / span : 0;
                u = data.LowerIsBetter ? 1 - u : u;
                return (object)(i < highlighted.Count && highlighted[i] ? Round(GreyBand + u * (1 - GreyBand)) : 0.0);
            })];
            line.CMin = 0;
            line.CMax = 1;
            line.ColorScale = new object[]
            {
                new object[] { 0, "#d5d8df" }, new object[] { GreyBand * 0.99, "#d5d8df" },
                new object[] { GreyBand, "#440154" }, new object[] { 0.3, "#3b528b" }, new object[] { 0.55, "#21918c" },
                new object[] { 0.8, "#5ec962" }, new object[] { 1, "#fde725" },
            };
            line.ShowScale = false;
        }
        var trace = new ParCoords { Dimensions = dimensions, Line = line };
        var layout = new Plotly.Blazor.Layout
        {
            Font = new Plotly.Blazor.LayoutLib.Font { Family = ChartLook.FontFamily, Size = 12, Color = "#3a3a4a" },
            Margin = new Plotly.Blazor.LayoutLib.Margin { L = 64, R = 64, T = 56, B = 28 },
            PaperBgColor = "rgba(0,0,0,0)",
            PlotBgColor = "rgba(0,0,0,0)",
            AutoSize = true,
        };
        return new ChartFigure(new List<ITrace> { trace }, layout, data.Color.Count, [[]]);
    }

    private static Dimension Dimension(ParcoordsDimension d, AxisBrush? brush)
    {
        // Missing values (an inactive conditional parameter) sit just below the axis, not on a real value.
        var span = d.Max > d.Min ? d.Max - d.Min : 1;
        var missing = d.Min - span * 0.08;
        var hasMissing = d.Values.Any(v => !double.IsFinite(v));
        var low = hasMissing ? missing : d.Min;
        var high = d.Max > d.Min ? d.Max : d.Min + 1;
        var (tickValues, tickText) = Ticks(d, hasMissing, missing);
        return new Dimension
        {
            Label = d.Label,
            Values = [.. d.Values.Select(v => (object)Round(double.IsFinite(v) ? v : missing))],
            Range = [low, high],
            TickVals = tickValues?.Cast<object>().ToList(),
            TickText = tickText?.Cast<object>().ToList(),
            ConstraintRange = brush is null ? null
                : brush.Ranges.Count == 1 ? [brush.Ranges[0].Low, brush.Ranges[0].High]
                : [.. brush.Ranges.Select(r => (object)new[] { r.Low, r.High })],
            MultiSelect = true,
        };
    }

    /// <summary>Six significant digits: far finer than a pixel of the axis, and a third of the JSON of a double.</summary>
    internal static double Round(double value)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value;
        }
        var digits = 5 - (int)Math.Floor(Math.Log10(Math.Abs(value)));
        return digits is >= 0 and <= 15 ? Math.Round(value, digits) : double.Parse(value.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static (double Min, double Max) FiniteRange(IReadOnlyList<double> values)
    {
        var finite = values.Where(double.IsFinite).ToList();
        return finite.Count == 0 ? (0, 1) : (finite.Min(), finite.Max() > finite.Min() ? finite.Max() : finite.Min() + 1);
    }

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
        if (hasMissing)
        {
            if (values is null || text is null)
            {
                // Plain axes get plotly's ticks; the missing row still needs its name, so name a few round values.
                values = [d.Min, (d.Min + d.Max) / 2, d.Max];
                text = [.. values.Select(Display.Number)];
            }
            values.Add(missing);
            text.Add("n/a");
        }
        return (values?.ToArray(), text?.ToArray());
    }
}
