using Plotly.Blazor.Traces;
using Plotly.Blazor.Traces.ScatterLib;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>Scatter traces of trials: hover names the trial, unselected points fade while trials are selected.</summary>
internal static class ScatterTraces
{
    /// <summary>Above this many points a trace's hover shows values only: per-point text would dominate the payload.</summary>
    internal const int MaxTextPoints = 2000;

    /// <summary>Markers of <paramref name="group"/> (already thinned), with its hover texts and selection.</summary>
    public static Scatter Markers(ScatterGroup group, string name, Marker marker, ModeFlag mode = ModeFlag.Markers)
    {
        var withText = group.X.Count <= MaxTextPoints && group.Text.Count == group.X.Count;
        return new Scatter
        {
            Name = name,
            Mode = mode,
            X = ChartLook.Values(group.X),
            Y = ChartLook.Values(group.Y),
            // Reading the texts formats them: only those of the points drawn are ever made.
            TextArray = withText ? [.. group.Text] : null,
            HoverTemplate = withText ? "%{text}<extra></extra>" : $"{name}<br>%{{x:.4g}}, %{{y:.4g}}<extra></extra>",
            Marker = marker,
            SelectedPoints = ChartLook.SelectedPoints(group.Selected),
            Unselected = new Unselected { Marker = new Plotly.Blazor.Traces.ScatterLib.UnselectedLib.Marker { Opacity = 0.12m } },
        };
    }
}
