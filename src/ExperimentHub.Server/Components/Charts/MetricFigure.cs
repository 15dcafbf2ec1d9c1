using Plotly.Blazor;
using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>
/// Metric curves: one trace per run over steps or time, overlaid, thinned to at most <see cref="MaxPoints"/> each;
/// with smoothing, a faint raw curve under the smoothed one (TensorBoard's debiased exponential moving average).
/// </summary>
public static class MetricFigure
{
    /// <summary>Points per curve at most; the server already downsamples to fewer.</summary>
    public const int MaxPoints = 2000;

    public static ChartFigure Build(IReadOnlyList<MetricCurve> curves, string metric, MetricAxis axis, bool logY, double smoothing)
    {
        ArgumentNullException.ThrowIfNull(curves);
        if (curves.Sum(c => c.Values.Count) == 0)
        {
            return ChartFigure.Empty($"No points of {metric} yet. They appear here as the run logs them.");
        }
        smoothing = double.IsFinite(smoothing) ? Math.Clamp(smoothing, 0, 0.99) : 0;
        var traces = new List<ITrace>();
        var runIds = new List<IReadOnlyList<long>>();
        var points = 0;
        var maxStep = 0.0;
        for (var c = 0; c < curves.Count; c++)
        {
            var curve = curves[c];
            var keep = Thin(curve.Values.Count, MaxPoints);
            var x = axis == MetricAxis.Time ? Seconds(curve.Times, keep) : keep.Select(i => (double)curve.Steps[i]).ToArray();
            var y = keep.Select(i => curve.Values[i]).ToArray();
            points += keep.Length;
            maxStep = Math.Max(maxStep, x.Length > 0 ? x.Max() : 0);
            var color = ChartLook.RunColors[c % ChartLook.RunColors.Count];
            var single = keep.Length == 1;
            var xLabel = axis == MetricAxis.Time ? "%{x:.1f} s" : "step %{x}";
            traces.Add(new Scatter
            {
                Name = curve.Name,
                LegendGroup = curve.Name,
                ShowLegend = smoothing == 0,
                Mode = single ? ModeFlag.Markers : ModeFlag.Lines,
                X = ChartLook.Values(x),
                Y = ChartLook.Values(y),
                ConnectGaps = false,
                Opacity = smoothing > 0 ? 0.3m : 1m,
                Line = new Line { Color = color, Width = 2 },
                Marker = new Marker { Color = color, Size = 6 },
                HoverTemplate = $"{curve.Name}<br>{xLabel}<br>{metric}=%{{y:.6g}}<extra></extra>",
            });
            runIds.Add(curve.RunId is { } id ? Enumerable.Repeat(id, keep.Length).ToArray() : []);
            if (smoothing > 0)
            {
                traces.Add(new Scatter
                {
                    Name = curve.Name,
                    LegendGroup = curve.Name,
                    Mode = single ? ModeFlag.Markers : ModeFlag.Lines,
                    X = ChartLook.Values(x),
                    Y = ChartLook.Values(Smooth(y, smoothing)),
                    ConnectGaps = true,
                    Line = new Line { Color = color, Width = 2 },
                    Marker = new Marker { Color = color, Size = 6 },
                    HoverTemplate = $"{curve.Name} (smoothed)<br>{xLabel}<br>{metric}=%{{y:.6g}}<extra></extra>",
                });
                runIds.Add(curve.RunId is { } smoothedId ? Enumerable.Repeat(smoothedId, keep.Length).ToArray() : []);
            }
        }
        var xAxis = axis == MetricAxis.Time
            ? ChartLook.XAxis("seconds since the first point")
            : ChartLook.CountAxis(ChartLook.XAxis("step"), maxStep);
        var layout = ChartLook.Layout(xAxis, ChartLook.YAxis(metric, logY), metric + "|" + axis + "|" + logY, legend: curves.Count > 1);
        return new ChartFigure(traces, layout, points, runIds);
    }

    /// <summary>TensorBoard's smoothing: an exponential moving average divided by its weight so far (no pull to 0 at the start).</summary>
    internal static double[] Smooth(IReadOnlyList<double> values, double weight)
    {
        var result = new double[values.Count];
        double last = 0;
        var count = 0;
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            if (!double.IsFinite(v))
            {
                result[i] = double.NaN;
                continue;
            }
            last = last * weight + (1 - weight) * v;
            count++;
            result[i] = last / (1 - Math.Pow(weight, count));
        }
        return result;
    }

    /// <summary>At most <paramref name="max"/> indices, evenly spread, the first and last always kept.</summary>
    private static int[] Thin(int count, int max)
    {
        if (count <= max)
        {
            return [.. Enumerable.Range(0, count)];
        }
        return [.. Enumerable.Range(0, max).Select(k => (int)((long)k * (count - 1) / (max - 1))).Distinct()];
    }

    private static double[] Seconds(IReadOnlyList<DateTimeOffset> times, int[] keep)
    {
        if (times.Count == 0)
        {
            return [.. keep.Select(_ => double.NaN)];
        }
        var start = times[0];
        return [.. keep.Select(i => i < times.Count ? (times[i] - start).TotalSeconds : double.NaN)];
    }
}
