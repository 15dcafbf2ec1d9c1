using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.JSInterop;
using Plotly.Blazor;
using Plotly.Blazor.Interop;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>
/// A chart drawn by Plotly.Blazor from the <see cref="ChartFigure"/> its builder made. The figure is rebuilt only
/// when <see cref="DataIdentity"/> changes, so a page that re-renders for other reasons resends nothing. Clicks and
/// box or lasso selections come back from plotly as (trace, point) and are mapped to runs here. The one JS module
/// (plotly-marks.js) is set to watch the plot before plotly draws it: it marks the element drawn on plotly's own
/// afterplot event (tests and the ui bench wait on it), without a server round trip, and forwards plotly's deselect,
/// which Plotly.Blazor does not. Clicks and selections reach .NET once Plotly.Blazor's subscriptions are made after
/// the first plot; the element says so (data-interactive), for tests that click.
/// </summary>
public abstract class PlotlyChartBase : ComponentBase, IAsyncDisposable
{
    private readonly string _id = "eh-plot-" + Guid.NewGuid().ToString("N")[..12];
    private PlotlyChart? _plot;
    private IJSObjectReference? _marks;
    private DotNetObjectReference<PlotlyChartBase>? _self;
    private object? _builtIdentity;
    private bool _plotted;
    private bool _watched;
    private bool _interactive;
    private int _builds;
    private int _plotBuild;
    private bool _redraw;
    private bool _disposed;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Inject] private ILogger<PlotlyChartBase> Logger { get; set; } = default!;

    /// <summary>CSS height of the chart.</summary>
    [Parameter] public string Height { get; set; } = "360px";

    /// <summary>Accessible name, also used by tests to find the chart.</summary>
    [Parameter] public string? Label { get; set; }

    /// <summary>A point of a trial was clicked: its run id.</summary>
    [Parameter] public EventCallback<long> OnPointClick { get; set; }

    /// <summary>Trials were picked with the box or lasso (their run ids), or the pick was cleared (null).</summary>
    [Parameter] public EventCallback<IReadOnlySet<long>?> OnSelect { get; set; }

    /// <summary>What the chart is given, as last built.</summary>
    public ChartFigure Figure { get; private set; } = ChartFigure.Empty("Nothing to draw yet.");

    /// <summary>The kind, as the element's data-chart and the PNG's file name.</summary>
    protected abstract string Kind { get; }

    /// <summary>What the figure depends on (compared with Equals).</summary>
    protected abstract object DataIdentity { get; }

    /// <summary>Builds the figure from the parameters; called only when <see cref="DataIdentity"/> changed.</summary>
    protected abstract ChartFigure BuildFigure();

    /// <summary>The dashboard's theme: the figure takes its palette, so a change rebuilds it.</summary>
    [CascadingParameter(Name = "DarkMode")] public bool DarkMode { get; set; }

    protected override void OnParametersSet()
    {
        var identity = (DataIdentity, DarkMode);
        if (Equals(identity, _builtIdentity))
        {
            return;
        }
        _builtIdentity = identity;
        try
        {
            Figure = BuildFigure();
            ChartTheme.Apply(Figure, DarkMode);
            _builds++;
        }
#pragma warning disable CA1031 // A chart that cannot be built says so in its place instead of taking the page down.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logger.LogWarning(ex, "The {Kind} chart could not be built", Kind);
            Figure = ChartFigure.Empty($"This chart could not be drawn: {ex.Message}");
        }
        if (Figure.EmptyReason is not null)
        {
            // The plot leaves the markup; a later figure starts a new one.
            _plot = null;
            _plotted = false;
            _watched = false;
            _interactive = false;
        }
        _redraw = _plotted && Figure.EmptyReason is null;
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "eh-chart");
        builder.AddAttribute(2, "data-chart", Kind);
        builder.AddAttribute(3, "role", "figure");
        builder.AddAttribute(4, "aria-label", Label ?? Kind + " chart");
        builder.AddAttribute(5, "data-total", Figure.Points);
        builder.AddAttribute(6, "style", $"height:{Height}");
        builder.AddAttribute(7, "data-interactive", Figure.EmptyReason is null && !_interactive ? "false" : "true");
        if (Figure.EmptyReason is { } reason)
        {
            // Nothing for plotly to draw: the reason is the chart, drawn as it stands.
            builder.AddAttribute(8, "data-drawn", "true");
            builder.AddAttribute(9, "data-points", 0);
            builder.OpenElement(10, "p");
            builder.AddAttribute(11, "class", "eh-chart-empty");
            builder.AddContent(12, reason);
            builder.CloseElement();
        }
        else
        {
            if (_plot is null)
            {
                // The figure the new plot starts from: one built later (the theme read, data refreshed) while plotly.js
                // still loads is sent once the plot exists (OnPlotCreated).
                _plotBuild = _builds;
            }
            builder.OpenComponent<PlotlyChart>(13);
            builder.AddComponentParameter(14, nameof(PlotlyChart.Id), _id);
            builder.AddComponentParameter(15, nameof(PlotlyChart.Data), Figure.Traces);
            builder.AddComponentParameter(16, nameof(PlotlyChart.Layout), Figure.Layout);
            builder.AddComponentParameter(17, nameof(PlotlyChart.Config), ChartLook.Config(Kind));
            builder.AddComponentParameter(18, nameof(PlotlyChart.ClickAction), (Action<IEnumerable<EventDataPoint>>)OnPlotlyClick);
            builder.AddComponentParameter(19, nameof(PlotlyChart.SelectedAction), (Action<IEnumerable<EventDataPoint>>)OnPlotlySelected);
            builder.AddComponentParameter(20, nameof(PlotlyChart.RestyleAction), (Action<RestyleEventData>)OnPlotlyRestyle);
            builder.AddComponentParameter(21, nameof(PlotlyChart.AfterRender), (Action)OnPlotCreated);
            builder.AddAttribute(22, "style", "width:100%;height:100%");
            // Not a PlotlyChart where a test stubs it.
            builder.AddComponentReferenceCapture(23, c => _plot = c as PlotlyChart);
            builder.CloseComponent();
        }
        builder.CloseElement();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_plot is null || _disposed)
        {
            return;
        }
        if (!_watched)
        {
            // Before plotly draws (Plotly.Blazor's first plot waits for plotly.js): the mark follows the drawing itself.
            _watched = true;
            await GuardAsync(async () =>
            {
                _marks ??= await JS.InvokeAsync<IJSObjectReference>("import", PlotlyScript.MarksPath);
                _self ??= DotNetObjectReference.Create(this);
                await _marks.InvokeVoidAsync("watch", _id, _self);
            });
        }
        if (_redraw && _plot is not null && !_disposed)
        {
            _redraw = false;
            await GuardAsync(() => _plot.React());
        }
    }

    /// <summary>Plotly.Blazor asked plotly for the first plot: listen to its events.</summary>
    private void OnPlotCreated()
    {
        _plotted = true;
        _ = InvokeAsync(() => GuardAsync(async () =>
        {
            if (_plot is null || _disposed)
            {
                return;
            }
            if (_plotBuild != _builds)
            {
                _plotBuild = _builds;
                await _plot.React();
            }
            // Sent together: each waits only for its own answer.
            await Task.WhenAll(
                _plot.SubscribeClickEvent(),
                _plot.SubscribeSelectedEvent(),
                ListensToRestyle ? _plot.SubscribeRestyleEvent() : Task.CompletedTask);
            _interactive = true;
            StateHasChanged();
        }));
    }

    /// <summary>Whether the chart handles plotly's restyle events (the parallel coordinates' brushes).</summary>
    protected virtual bool ListensToRestyle => false;

    /// <summary>A restyle made in the browser (a brush on a parcoords axis).</summary>
    protected virtual Task OnRestyleAsync(IDictionary<string, JsonElement> changes) => Task.CompletedTask;

    private void OnPlotlyClick(IEnumerable<EventDataPoint> points)
    {
        var runId = points.Select(RunOf).FirstOrDefault(r => r is not null);
        if (runId is { } id && !_disposed)
        {
            _ = InvokeAsync(() => OnPointClick.InvokeAsync(id));
        }
    }

    private void OnPlotlySelected(IEnumerable<EventDataPoint>? points)
    {
        if (_disposed || points is null)
        {
            return;
        }
        var runs = points.Select(RunOf).OfType<long>().ToHashSet();
        _ = InvokeAsync(() => OnSelect.InvokeAsync(runs));
    }

    private void OnPlotlyRestyle(RestyleEventData data)
    {
        if (!_disposed && data?.Changes is { } changes)
        {
            _ = InvokeAsync(() => OnRestyleAsync(changes));
        }
    }

    /// <summary>Plotly's deselect (a double click in select mode), forwarded by plotly-marks.js.</summary>
    [JSInvokable]
    public Task Deselected() => _disposed ? Task.CompletedTask : InvokeAsync(() => OnSelect.InvokeAsync(null));

    private long? RunOf(EventDataPoint point) => Figure.RunAt(point.TraceIndex, Index(point.PointNumber) ?? Index(point.PointIndex) ?? -1);

    private static int? Index(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetInt32(out var i) => i,
        int i => i,
        long l => (int)l,
        double d => (int)d,
        _ => null,
    };

    private async Task GuardAsync(Func<Task> call)
    {
        try
        {
            await call();
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

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_marks is not null)
        {
            try
            {
                await _marks.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the module with it.
            }
        }
        _self?.Dispose();
        GC.SuppressFinalize(this);
    }
}
