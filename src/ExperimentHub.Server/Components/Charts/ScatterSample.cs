using System.Globalization;

namespace ExperimentHub.Server.Components.Charts;

/// <summary>
/// Deterministic thinning of scatter points. SVG scatter stays fast up to a few thousand markers, and WebGL is
/// software-rendered (seconds per chart) on machines without a GPU, so big sweeps draw a sample of the background
/// points and every important one.
/// </summary>
public static class ScatterSample
{
    /// <summary>
    /// Markers drawn at most per chart, important points aside: plotly draws and styles each as an SVG path on the
    /// browser's main thread (the largest part of the sweep page's plotting in a Chromium profile), and 600 still
    /// show the shape of the cloud on a chart a few hundred pixels wide.
    /// </summary>
    public const int MaxPoints = 600;

    /// <summary>Infeasible markers drawn at most: they show the failure region, which a hundred do.</summary>
    public const int MaxInfeasible = 100;

    /// <summary>Background markers always kept, however large the front, so the cloud stays visible.</summary>
    public const int MinBackground = 200;

    /// <summary>
    /// At most <paramref name="max"/> points of the group, evenly spaced over its order (the same points on every
    /// call); while brushing, points inside the brushed ranges are taken first.
    /// </summary>
    public static ScatterGroup Take(ScatterGroup group, int max)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var count = group.X.Count;
        if (count <= max)
        {
            return group;
        }
        var chosen = new List<int>(max);
        if (group.Selected is { } selected)
        {
            var inside = Enumerable.Range(0, count).Where(i => selected[i]).ToList();
            var outside = Enumerable.Range(0, count).Where(i => !selected[i]).ToList();
            chosen.AddRange(Spread(inside, max));
            chosen.AddRange(Spread(outside, max - chosen.Count));
            chosen.Sort();
        }
        else
        {
            chosen.AddRange(Spread(Enumerable.Range(0, count).ToList(), max));
        }
        return new ScatterGroup(
            chosen.Select(i => group.X[i]).ToArray(),
            chosen.Select(i => group.Y[i]).ToArray(),
            chosen.Select(i => group.Ids[i]).ToArray(),
            group.Text.Count == count ? chosen.Select(i => group.Text[i]).ToArray() : [],
            group.Selected is { } s ? chosen.Select(i => s[i]).ToArray() : null);
    }

    /// <summary>"showing N of M" when points were left out, else empty.</summary>
    public static string Caption(int shown, int total) =>
        shown < total ? string.Create(CultureInfo.InvariantCulture, $"showing {shown:N0} of {total:N0}") : "";

    private static IEnumerable<int> Spread(List<int> indices, int take)
    {
        if (take <= 0)
        {
            yield break;
        }
        if (indices.Count <= take)
        {
            foreach (var i in indices)
            {
                yield return i;
            }
            yield break;
        }
        // Evenly spaced positions keep the spread of the cloud (the points are in trial order).
        for (var k = 0; k < take; k++)
        {
            yield return indices[(int)((long)k * indices.Count / take)];
        }
    }
}
