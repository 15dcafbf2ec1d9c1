using System.Text.Json;
using Microsoft.JSInterop;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>The .NET object a chart module calls back (through a DotNetObjectReference) with its events.</summary>
public sealed class ChartCallbacks
{
    private readonly ChartBase _chart;

    internal ChartCallbacks(ChartBase chart) => _chart = chart;

    [JSInvokable]
    public Task OnChartEvent(string name, JsonElement data) => _chart.DispatchEventAsync(name, data);
}
