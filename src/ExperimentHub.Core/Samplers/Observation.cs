namespace ExperimentHub.Core.Samplers;

/// <summary>
/// A finished trial as the model-based samplers see it: its unit-cube point, its losses (null when it has none),
/// and whether it counts as feasible (failed trials and broken constraints do not).
/// </summary>
internal sealed record Observation(double[] Point, double[]? Losses, bool Feasible);
