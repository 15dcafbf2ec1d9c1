using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>The Pareto front of two objectives; clicking a trial reports its run id.</summary>
public sealed class ParetoChart : PointChartBase
{
    [Parameter, EditorRequired] public ParetoData Data { get; set; } = default!;

    protected override string Kind => "pareto";

    protected override object DataIdentity => Data;

    protected override object BuildPayload()
    {
        var shown = Data.Sampled();
        return new
        {
            front = ScatterPayload.From(shown.Front),
            dominated = ScatterPayload.From(shown.Dominated),
            infeasible = ScatterPayload.From(shown.Infeasible),
            total = Data.Total,
            xTitle = Data.XTitle,
            yTitle = Data.YTitle,
            stepShape = Data.XMaximized ? "vh" : "hv",
        };
    }
}
