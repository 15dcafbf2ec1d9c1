using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>
/// A chart driven by its own JS module (wwwroot/js/charts/{kind}.js exporting init, update and dispose): only the
/// canvas parallel coordinates now, which stay because plotly's WebGL parcoords blocked the 10,000-trial sweep page
/// for tens of seconds in Chromium without a GPU (the ui bench). The C# side shapes the data into a payload; the
/// module is imported lazily on first render and the payload is sent again only when the data changed.
/// </summary>
public abstract class ChartBase : ComponentBase, IAsyncDisposable
{
    private IJSObjectReference? _module;
    private DotNetObjectReference<ChartCallbacks>? _callbacks;
    private bool _initialized;
    private bool _dirty = true;
    private bool _disposed;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Inject] private ILogger<ChartBase> Logger { get; set; } = default!;

    /// <summary>CSS height of the plot area.</summary>
    [Parameter] public string Height { get; set; } = "360px";

    /// <summary>Accessible name, also used by tests to find the chart.</summary>
    [Parameter] public string? Label { get; set; }

    protected ElementReference Element { get; set; }

    /// <summary>The module's file name under wwwroot/js/charts, such as <c>line</c>.</summary>
    protected abstract string Kind { get; }

    /// <summary>The payload the module draws; called only when the chart must be redrawn.</summary>
    protected abstract object BuildPayload();

    /// <summary>
    /// What the drawing depends on (compared with Equals): the chart redraws only when it changes, so a page that
    /// re-renders for other reasons does not resend thousands of points.
    /// </summary>
    protected abstract object DataIdentity { get; }

    private object? _drawnIdentity;

    /// <summary>Receives a chart event sent by the module (brushing, a clicked point).</summary>
    protected virtual Task OnChartEventAsync(string name, System.Text.Json.JsonElement data) => Task.CompletedTask;

    protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "eh-chart");
        builder.AddAttribute(2, "data-chart", Kind);
        builder.AddAttribute(3, "role", "img");
        builder.AddAttribute(4, "aria-label", Label ?? Kind + " chart");
        builder.AddAttribute(5, "style", $"height:{Height}");
        builder.AddElementReferenceCapture(6, e => Element = e);
        builder.CloseElement();
    }

    /// <summary>The dashboard's theme: a chart reads its text and grid colours when it draws, so a change redraws it.</summary>
    [CascadingParameter(Name = "DarkMode")] public bool DarkMode { get; set; }

    protected override void OnParametersSet()
    {
        var identity = (DataIdentity, DarkMode);
        if (!Equals(identity, _drawnIdentity))
        {
            _drawnIdentity = identity;
            _dirty = true;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_dirty || _disposed)
        {
            return;
        }
        _dirty = false;
        try
        {
            var payload = BuildPayload();
            if (!_initialized)
            {
                _module ??= await JS.InvokeAsync<IJSObjectReference>("import", $"./js/charts/{Kind}.js");
                _callbacks ??= DotNetObjectReference.Create(new ChartCallbacks(this));
                await _module.InvokeVoidAsync("init", Element, payload, _callbacks);
                _initialized = true;
            }
            else if (_module is not null)
            {
                await _module.InvokeVoidAsync("update", Element, payload);
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser left; nothing to draw on.
        }
        catch (TaskCanceledException)
        {
            // The circuit is going away.
        }
        catch (JSException ex)
        {
            // A chart that fails to draw must not take the page down with it.
            Logger.LogWarning(ex, "The {Kind} chart failed to draw", Kind);
        }
    }

    internal Task DispatchEventAsync(string name, System.Text.Json.JsonElement data) =>
        _disposed ? Task.CompletedTask : InvokeAsync(() => OnChartEventAsync(name, data));

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_module is not null)
        {
            try
            {
                if (_initialized)
                {
                    await _module.InvokeVoidAsync("dispose", Element);
                }
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the browser's DOM with it.
            }
            catch (TaskCanceledException)
            {
                // Same: nothing left to dispose on the browser side.
            }
        }
        _callbacks?.Dispose();
        GC.SuppressFinalize(this);
    }
}
