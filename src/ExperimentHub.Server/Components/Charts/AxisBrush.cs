namespace ExperimentHub.Server.Components.Charts;

/// <summary>The ranges brushed on one axis of the parallel coordinates, in the axis' units.</summary>
public sealed record AxisBrush(int Dimension, IReadOnlyList<BrushRange> Ranges)
{
    public bool Contains(double axisValue) => Ranges.Any(r => axisValue >= r.Low && axisValue <= r.High);
}
