using System.Text.Json;
using Microsoft.AspNetCore.Components;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>A chart of trials whose points open their run: the module reports a clicked point as its run id.</summary>
public abstract class PointChartBase : ChartBase
{
    [Parameter] public EventCallback<long> OnPointClick { get; set; }

    protected override Task OnChartEventAsync(string name, JsonElement data) =>
        name == "click" && data.TryGetInt64(out var runId) ? OnPointClick.InvokeAsync(runId) : Task.CompletedTask;
}
