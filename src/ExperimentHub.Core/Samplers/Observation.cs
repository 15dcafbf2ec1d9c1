namespace ExperimentHub.Core.Samplers;

/// <summary>
/// A finished trial as the model-based samplers see it: its unit-cube point, its losses (null when it failed or
/// lacks an objective), whether it counts as feasible, and the value of each constraint's metric (NaN if absent).
/// </summary>
internal sealed record Observation(double[] Point, double[]? Losses, bool Feasible, double[] ConstraintValues);
