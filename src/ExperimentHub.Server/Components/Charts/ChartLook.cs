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
        Margin = new Margin { L = 64, R = 16, T = legend ? 40 : 16, B = 52, Pad = 2 },
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

    public static XAxis XAxis(string title, bool log = false) => new()
    {
        Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = title },
        Type = log ? TypeEnum.Log : TypeEnum.Linear,
        ZeroLine = false,
        AutoMargin = AutoMarginFlag.True,
        // Plotly's default for a linear axis ("hide past div") measures every tick label again after each draw to
        // hide those past the chart's edge; the auto margin already keeps them inside, and the check cost ~50 ms a chart.
        TickLabelOverflow = Plotly.Blazor.LayoutLib.XAxisLib.TickLabelOverflowEnum.Allow,
        GridColor = "rgba(128,128,128,0.18)",
    };

    public static YAxis YAxis(string title, bool log = false) => new()
    {
        Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = title },
        Type = log ? Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Log : Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Linear,
        ZeroLine = false,
        AutoMargin = Plotly.Blazor.LayoutLib.YAxisLib.AutoMarginFlag.True,
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
        }
        return axis;
    }

    /// <summary>Values for a trace: JSON has no NaN, so a non-finite value travels as null (a gap).</summary>
    public static List<object> Values(IEnumerable<double> values) =>
        values.Select(v => double.IsFinite(v) ? (object)v : null!).ToList();

    /// <summary>The indices of the points marked selected, for plotly's selectedpoints; null when nothing is selected.</summary>
    public static object? SelectedPoints(IReadOnlyList<bool>? selected) =>
        selected is null ? null : Enumerable.Range(0, selected.Count).Where(i => selected[i]).ToArray();

    public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
