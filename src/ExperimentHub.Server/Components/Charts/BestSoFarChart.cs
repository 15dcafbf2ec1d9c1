using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>The objective of each completed trial and the best so far; clicking a trial reports its run id.</summary>
public sealed class BestSoFarChart : PointChartBase
{
    [Parameter, EditorRequired] public BestSoFarData Data { get; set; } = default!;

    protected override string Kind => "best-so-far";

    protected override object DataIdentity => Data;

    protected override object BuildPayload() => new
    {
        trials = ScatterPayload.From(Data.Trials),
        best = ScatterPayload.From(Data.Best),
        metric = Data.Metric,
        total = Data.Completed,
    };
}
