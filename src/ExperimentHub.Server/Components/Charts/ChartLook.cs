using System.Globalization;
using Plotly.Blazor;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.LayoutLib.XAxisLib;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>What every chart shares: font, margins, transparent background, the toolbar, axis conventions.</summary>
internal static class ChartLook
{
    public const string FontFamily = "Roboto, \"Helvetica Neue\", Arial, sans-serif";

    public const string Muted = "#9aa3b5";

    public const string Accent = "#e07b00";

    public const string Danger = "#d64545";

    public const string Primary = "#3f51b5";

    /// <summary>Colours for the traces of several runs, distinguishable on light and dark cards.</summary>
    public static readonly IReadOnlyList<string> RunColors =
        ["#3f51b5", "#e07b00", "#2e9d5b", "#d64545", "#8e44ad", "#00838f", "#c2185b", "#6d4c41", "#7cb342", "#546e7a"];

    /// <summary>The objective's colour scale, best values brightest once reversed for a minimized objective.</summary>
    public const string ObjectiveScale = "Viridis";

    /// <summary>
    /// The toolbar (zoom, pan, box and lasso select, reset, PNG download) shows on hover, where it covers no legend
    /// or title the rest of the time; no plotly logo; redrawn on resize.
    /// </summary>
    public static Config Config(string fileName) => new()
    {
        Responsive = true,
        DisplayLogo = false,
        DisplayModeBar = Plotly.Blazor.ConfigLib.DisplayModeBarEnum.Hover,
        ToImageButtonOptions = new { filename = fileName, format = "png", scale = 2 },
    };

    /// <summary>
    /// A layout with room for the axis titles, the legend above the plot (never over it) and a revision that keeps
    /// the user's zoom while the data refreshes, until <paramref name="revision"/> changes (other axes picked).
    /// </summary>
    public static Plotly.Blazor.Layout Layout(XAxis x, YAxis y, string revision, bool legend = false) => new()
    {
        Font = new Font { Family = FontFamily, Size = 12, Color = "#3a3a4a" },
        Margin = new Margin { L = NumberAxisMargin, R = 16, T = legend ? LegendMargin : 16, B = 56, Pad = 2 },
        PaperBgColor = "rgba(0,0,0,0)",
        PlotBgColor = "rgba(0,0,0,0)",
        HoverMode = HoverModeEnum.Closest,
        ShowLegend = legend,
        Legend = legend
            ? [new Legend { Orientation = Plotly.Blazor.LayoutLib.LegendLib.OrientationEnum.H, X = 0, Y = 1.02m, YAnchor = Plotly.Blazor.LayoutLib.LegendLib.YAnchorEnum.Bottom }]
            : null,
        XAxis = [x],
        YAxis = [y],
        UiRevision = revision,
        AutoSize = true,
    };

    /// <summary>
    /// The left margin for a y axis of numbers and its title: plotly's labels of numbers are short (0.0012, 1.5k), so
    /// the margin is fixed rather than measured. Plotly's automatic margins measure every label and draw the chart a
    /// second time when they change (~60 ms a chart on the sweep page).
    /// </summary>
    public const int NumberAxisMargin = 72;

    /// <summary>
    /// The top margin of a chart with a legend: the legend's row sits below the strip where plotly's toolbar appears
    /// under the pointer, so the toolbar never covers it.
    /// </summary>
    public const int LegendMargin = 60;

    /// <summary>A left margin that fits the longest of <paramref name="labels"/> (names on a y axis) beside the axis.</summary>
    public static int LabelMargin(IEnumerable<string> labels, bool titled)
    {
        ArgumentNullException.ThrowIfNull(labels);
        // About 7 px a character at the charts' 12 px font, plus the tick's padding and, with a title, its line.
        var longest = labels.Select(l => l.Length).DefaultIfEmpty(0).Max();
        return Math.Clamp(12 + 7 * longest + (titled ? 24 : 0), NumberAxisMargin, 260);
    }

    public static XAxis XAxis(string title, bool log = false) => new()
    {
        Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = title },
        Type = log ? TypeEnum.Log : TypeEnum.Linear,
        // 10⁻⁵ rather than plotly's SI prefixes (10µ), which read as units on a learning rate or a weight decay.
        ExponentFormat = log ? ExponentFormatEnum.Power : null,
        ZeroLine = false,
        // Fixed margins hold a line of tick labels and the title (see NumberAxisMargin); named ticks measure theirs.
        AutoMargin = AutoMarginFlag.False,
        // Plotly's default for a linear axis ("hide past div") measures every tick label again after each draw to
        // hide those past the chart's edge; the margins keep them inside, and the check cost ~50 ms a chart.
        TickLabelOverflow = Plotly.Blazor.LayoutLib.XAxisLib.TickLabelOverflowEnum.Allow,
        GridColor = "rgba(128,128,128,0.18)",
    };

    public static YAxis YAxis(string title, bool log = false) => new()
    {
        Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = title },
        Type = log ? Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Log : Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Linear,
        ExponentFormat = log ? Plotly.Blazor.LayoutLib.YAxisLib.ExponentFormatEnum.Power : null,
        ZeroLine = false,
        AutoMargin = Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.False,
        TickLabelOverflow = Plotly.Blazor.LayoutLib.YAxisLib.TickLabelOverflowEnum.Allow,
        GridColor = "rgba(128,128,128,0.18)",
    };

    /// <summary>A count (trials, steps) has whole ticks: every one while few, plotly's round steps in whole numbers after.</summary>
    public static XAxis CountAxis(XAxis axis, double max)
    {
        axis.TickFormat = ",d";
        if (max <= 10)
        {
            axis.TickMode = TickModeEnum.Linear;
            axis.Tick0 = 0;
            axis.DTick = 1;
        }
        return axis;
    }

    /// <summary>Named ticks (the choices of a categorical parameter) on an x axis.</summary>
    public static XAxis WithTicks(XAxis axis, AxisTicks? ticks)
    {
        if (ticks is not null)
        {
            axis.TickMode = TickModeEnum.Array;
            axis.TickVals = [.. ticks.Values.Cast<object>()];
            axis.TickText = [.. ticks.Text];
            // Names may be long enough for plotly to turn them: the margin below is measured.
            axis.AutoMargin = AutoMarginFlag.True;
        }
        return axis;
    }

    public static YAxis WithTicks(YAxis axis, AxisTicks? ticks)
    {
        if (ticks is not null)
        {
            axis.TickMode = Plotly.Blazor.LayoutLib.YAxisLib.TickModeEnum.Array;
            axis.TickVals = [.. ticks.Values.Cast<object>()];
            axis.TickText = [.. ticks.Text];
            axis.AutoMargin = Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.True;
        }
        return axis;
    }

    /// <summary>
    /// Values of a surface cut to four significant digits (a colour cannot show more): a 10,000-trial sweep's grid
    /// travels at about half the size. Non-finite values travel as null.
    /// </summary>
    public static List<object> Rounded(IEnumerable<double> values) =>
        values.Select(v => double.IsFinite(v) ? (object)double.Parse(v.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : null!).ToList();

    /// <summary>Values for a trace: JSON has no NaN, so a non-finite value travels as null (a gap).</summary>
    public static List<object> Values(IEnumerable<double> values) =>
        values.Select(v => double.IsFinite(v) ? (object)v : null!).ToList();

    /// <summary>The indices of the points marked selected, for plotly's selectedpoints; null when nothing is selected.</summary>
    public static object? SelectedPoints(IReadOnlyList<bool>? selected) =>
        selected is null ? null : Enumerable.Range(0, selected.Count).Where(i => selected[i]).ToArray();

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
