using Plotly.Blazor;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>
/// Everything one Plotly chart is given, built in C# by the chart's builder so that tests can read it: the traces
/// and layout, how many points (or trials) it stands for, and the run id of each point drawn, per trace, so that a
/// click or a selection reported by plotly as (trace, point) is mapped back to runs on the server.
/// </summary>
/// <param name="Points">What the chart stands for, drawn or not: the trials of a sweep chart, the points of curves.</param>
/// <param name="RunIds">Per trace, the run of each point in drawing order; empty for traces without runs (lines, cells).</param>
public sealed record ChartFigure(IList<ITrace> Traces, Plotly.Blazor.Layout Layout, int Points, IReadOnlyList<IReadOnlyList<long>> RunIds)
{
    /// <summary>Why the chart draws nothing (shown in its place); null when it draws.</summary>
    public string? EmptyReason { get; init; }

    /// <summary>A chart with nothing to draw, saying why.</summary>
    public static ChartFigure Empty(string reason) => new([], new Plotly.Blazor.Layout(), 0, []) { EmptyReason = reason };

    /// <summary>The run of the <paramref name="point"/>-th point of trace <paramref name="trace"/>, if it has one.</summary>
    public long? RunAt(int trace, int point) =>
        trace >= 0 && trace < RunIds.Count && point >= 0 && point < RunIds[trace].Count ? RunIds[trace][point] : null;
}
