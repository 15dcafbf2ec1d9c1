using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>Metric curves (plotly, for zoom and pan): one or more series over steps, downsampled by the server.</summary>
public sealed class LineChart : ChartBase
{
    [Parameter, EditorRequired] public IReadOnlyList<LineSeries> Series { get; set; } = [];

    [Parameter] public string XTitle { get; set; } = "step";

    [Parameter] public string YTitle { get; set; } = "";

    [Parameter] public bool LogY { get; set; }

    protected override string Kind => "line";

    protected override object DataIdentity => (Series, XTitle, YTitle, LogY);

    protected override object BuildPayload() => new
    {
        series = Series.Select(s => new
        {
            name = s.Name,
            x = ChartPayload.Finite(s.X),
            y = ChartPayload.Finite(s.Y),
            mode = s.Mode,
        }),
        xTitle = XTitle,
        yTitle = YTitle,
        logY = LogY,
    };
}
