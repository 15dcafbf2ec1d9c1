using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>
/// Placed at the top of a page with charts: plotly.js downloads with the page (a preload link) and is run as soon as
/// the circuit has rendered the page, while its data is still read (starting it only once the sweep page's table went
/// out measured slower in the ui bench). Plotly.Blazor treats plotly.js as ready only once its own module has loaded
/// it, so the load goes through that module's importScript with the package's id and path: each chart's own call then
/// finds the script in place and its first plot waits for, or runs on, the same load.
/// </summary>
public sealed class PlotlyPreload : ComponentBase
{
    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Inject] private ILogger<PlotlyPreload> Logger { get; set; } = default!;

    /// <summary>Other chart modules the page imports (such as the parallel coordinates'), fetched with plotly.js.</summary>
    [Parameter] public IReadOnlyList<string> Modules { get; set; } = [];

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.OpenComponent<HeadContent>(0);
        builder.AddAttribute(1, nameof(HeadContent.ChildContent), (RenderFragment)(head =>
        {
            head.OpenElement(0, "link");
            head.AddAttribute(1, "rel", "preload");
            head.AddAttribute(2, "as", "script");
            head.AddAttribute(3, "href", PlotlyScript.PlotlyPath);
            head.CloseElement();
            head.OpenElement(4, "link");
            head.AddAttribute(5, "rel", "modulepreload");
            head.AddAttribute(6, "href", PlotlyScript.InteropPath);
            head.CloseElement();
            foreach (var module in Modules.Prepend(PlotlyScript.MarksPath))
            {
                head.OpenElement(7, "link");
                head.AddAttribute(8, "rel", "modulepreload");
                head.AddAttribute(9, "href", module);
                head.CloseElement();
            }
        }));
        builder.CloseComponent();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }
        try
        {
            var module = await JS.InvokeAsync<IJSObjectReference>("import", PlotlyScript.InteropPath);
            try
            {
                await module.InvokeVoidAsync("importScript", PlotlyScript.ScriptId, PlotlyScript.PlotlyPath);
            }
            finally
            {
                await module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser left before plotly.js loaded.
        }
        catch (TaskCanceledException)
        {
            // The circuit is going away.
        }
        catch (JSException ex)
        {
            // The charts load plotly.js themselves all the same.
            Logger.LogWarning(ex, "plotly.js could not be loaded ahead of the charts");
        }
    }
}
