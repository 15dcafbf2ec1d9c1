using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>Horizontal bars of shares (parameter importance), largest on top.</summary>
public sealed class BarChart : ChartBase
{
    [Parameter, EditorRequired] public IReadOnlyList<KeyValuePair<string, double>> Bars { get; set; } = [];

    [Parameter] public string XTitle { get; set; } = "";

    protected override string Kind => "bar";

    protected override object DataIdentity => (Bars, XTitle);

    protected override object BuildPayload() => new
    {
        labels = Bars.Select(b => b.Key),
        values = Bars.Select(b => ChartPayload.Finite(b.Value) ?? 0),
        xTitle = XTitle,
    };
}
