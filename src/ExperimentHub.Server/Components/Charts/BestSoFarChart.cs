using System.Text.Json;
using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>The objective of each completed trial and the best so far; clicking a trial reports its run id.</summary>
public sealed class BestSoFarChart : ChartBase
{
    [Parameter, EditorRequired] public BestSoFarData Data { get; set; } = default!;

    [Parameter] public EventCallback<long> OnPointClick { get; set; }

    protected override string Kind => "best-so-far";

    protected override object DataIdentity => Data;

    protected override object BuildPayload() => new
    {
        trials = ScatterPayload.From(Data.Trials),
        best = ScatterPayload.From(Data.Best),
        metric = Data.Metric,
        total = Data.Completed,
    };

    protected override Task OnChartEventAsync(string name, JsonElement data) =>
        name == "click" && data.TryGetInt64(out var runId) ? OnPointClick.InvokeAsync(runId) : Task.CompletedTask;
}
