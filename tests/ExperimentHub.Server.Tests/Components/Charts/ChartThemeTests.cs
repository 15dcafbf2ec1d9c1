using Bunit;
using ExperimentHub.Server.Components.Analysis;
using ExperimentHub.Server.Components.Charts;
using ExperimentHub.Server.Components.Layout;
using ExperimentHub.Server.Tests.Components.Sweeps;
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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_heatmaps_menu_buttons_follow_the_theme(bool dark)
    {
        await using var ctx = ChartHost.Create();
        var spec = SweepFixtures.Spec();
        var data = HeatmapBuilder.Build(SweepFixtures.Trials(50), ParameterAxis.For(spec.Space.Parameters.First(p => p.Name == "lr")),
            ParameterAxis.For(spec.Space.Parameters.First(p => p.Name == "dropout")), spec.Objectives[0], null);
        var chart = ctx.Render<CascadingValue<bool>>(p => p
                .Add(c => c.Name, "DarkMode")
                .Add(c => c.Value, dark)
                .AddChildContent<HeatmapChart>(c => c.Add(h => h.Data, data)))
            .FindComponent<HeatmapChart>();

        var menu = Assert.Single(ChartHost.Layout(chart).UpdateMenus);
        var palette = dark ? DashboardTheme.Theme.PaletteDark : DashboardTheme.Theme.PaletteLight;
        // The button text reads on the button: light text on a dark button in dark mode, dark on light otherwise.
        Assert.Equal(dark, new MudColor((string)menu.BgColor).L < 0.5);
        Assert.Equal(dark, new MudColor((string)menu.Font.Color).L > 0.5);
        Assert.Equal(Css(palette.LinesDefault), menu.BorderColor);
    }
}
