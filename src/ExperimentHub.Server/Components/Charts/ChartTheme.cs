using ExperimentHub.Server.Components.Layout;
using MudBlazor;
using MudBlazor.Utilities;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>
/// The dashboard's palette (MudBlazor's, light or dark) laid over a built figure: text, axis lines, grid, toolbar and
/// hover label take the theme's colours, and the primary colour the builders use becomes the theme's own (the light
/// primary is too dark to read on a dark card).
/// </summary>
internal static class ChartTheme
{
    /// <summary>
    /// The heatmap's menu buttons in light mode. In dark mode they take the card's colours (as a downloaded PNG shows
    /// them); on the page app.css holds them to the dark theme (.eh-dark .updatemenu-item-rect), with the active and
    /// hovered button, which plotly paints in a fixed light colour, a step lighter.
    /// </summary>
    private const string LightMenuBackground = "#eef0f5";

    private const string LightMenuText = "#3a3a4a";

    /// <summary>A step lighter than the dark card (Surface #1e2030), so the buttons read as buttons.</summary>
    private const string DarkMenuBackground = "#2c2f45";

    public static void Apply(ChartFigure figure, bool dark)
    {
        ArgumentNullException.ThrowIfNull(figure);
        if (figure.EmptyReason is not null)
        {
            return;
        }
        Palette palette = dark ? DashboardTheme.Theme.PaletteDark : DashboardTheme.Theme.PaletteLight;
        var text = Css(palette.TextPrimary);
        var secondary = Css(palette.TextSecondary);
        var lines = Css(palette.LinesDefault);
        var primary = Css(palette.Primary);
        var layout = figure.Layout;
        layout.Font ??= new Font { Family = ChartLook.FontFamily, Size = 12 };
        layout.Font.Color = text;
        foreach (var x in layout.XAxis ?? [])
        {
            x.GridColor = lines;
            x.LineColor = lines;
            x.ZeroLineColor = lines;
            x.TickColor = secondary;
        }
        foreach (var y in layout.YAxis ?? [])
        {
            y.GridColor = lines;
            y.LineColor = lines;
            y.ZeroLineColor = lines;
            y.TickColor = secondary;
        }
        layout.ModeBar = new ModeBar { BgColor = "rgba(0,0,0,0)", Color = secondary, ActiveColor = primary };
        layout.HoverLabel = new HoverLabel
        {
            BgColor = Css(palette.Surface),
            BorderColor = secondary,
            Font = new Plotly.Blazor.LayoutLib.HoverLabelLib.Font { Color = text, Family = ChartLook.FontFamily },
        };
        foreach (var menu in layout.UpdateMenus ?? [])
        {
            menu.BgColor = dark ? DarkMenuBackground : LightMenuBackground;
            menu.BorderColor = lines;
            menu.Font = new Plotly.Blazor.LayoutLib.UpdateMenuLib.Font { Color = dark ? text : LightMenuText, Family = ChartLook.FontFamily };
        }
        foreach (var trace in figure.Traces)
        {
            switch (trace)
            {
                case Scatter scatter:
                    if (IsPrimary(scatter.Marker?.Color))
                    {
                        scatter.Marker!.Color = primary;
                    }
                    if (IsPrimary(scatter.Line?.Color))
                    {
                        scatter.Line!.Color = primary;
                    }
                    break;
                case Bar bar when IsPrimary(bar.Marker?.Color):
                    bar.Marker!.Color = primary;
                    break;
            }
        }
    }

    private static bool IsPrimary(object? color) => color is string s && string.Equals(s, ChartLook.Primary, StringComparison.OrdinalIgnoreCase);

    private static string Css(MudColor color) => color.ToString(MudColorOutputFormats.RGBA);
}
