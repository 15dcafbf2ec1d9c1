using Bunit;
using ExperimentHub.Server.Components.Charts;
using ExperimentHub.Server.Components.Layout;
using Microsoft.AspNetCore.Components;
using MudBlazor.Utilities;
using Plotly.Blazor.Traces;

namespace ExperimentHub.Server.Tests.Components.Charts;

public sealed class ChartThemeTests
{
    private static readonly BestSoFarData Data = new(ChartHost.Group(6, 100, offset: 1), ChartHost.Group(3, 100, offset: 1), "loss", 6);

    private static IRenderedComponent<BestSoFarChart> Render(BunitContext ctx, bool dark) =>
        ctx.Render<CascadingValue<bool>>(p => p
                .Add(c => c.Name, "DarkMode")
                .Add(c => c.Value, dark)
                .AddChildContent<BestSoFarChart>(c => c.Add(b => b.Data, Data)))
            .FindComponent<BestSoFarChart>();

    private static string Css(MudColor color) => color.ToString(MudColorOutputFormats.RGBA);

    [Fact]
    public async Task In_dark_mode_text_grid_and_the_primary_trace_take_the_dark_palette()
    {
        await using var ctx = ChartHost.Create();
        var palette = DashboardTheme.Theme.PaletteDark;
        var chart = Render(ctx, dark: true);

        var layout = ChartHost.Layout(chart);
        Assert.Equal(Css(palette.TextPrimary), layout.Font.Color);
        Assert.Equal(Css(palette.LinesDefault), layout.XAxis[0].GridColor);
        Assert.Equal(Css(palette.LinesDefault), layout.YAxis[0].GridColor);
        Assert.Equal(Css(palette.Surface), layout.HoverLabel.BgColor);
        var trials = ChartHost.Traces(chart).Cast<Scatter>().First();
        Assert.Equal(Css(palette.Primary), trials.Marker.Color);
    }

    [Fact]
    public async Task In_light_mode_the_chart_takes_the_light_palette()
    {
        await using var ctx = ChartHost.Create();
        var palette = DashboardTheme.Theme.PaletteLight;
        var chart = Render(ctx, dark: false);

        var layout = ChartHost.Layout(chart);
        Assert.Equal(Css(palette.TextPrimary), layout.Font.Color);
        Assert.NotEqual(Css(DashboardTheme.Theme.PaletteDark.TextPrimary), layout.Font.Color);
        Assert.Equal(Css(palette.Primary), ChartHost.Traces(chart).Cast<Scatter>().First().Marker.Color);
    }
}
