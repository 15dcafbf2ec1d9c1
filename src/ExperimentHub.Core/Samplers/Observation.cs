namespace ExperimentHub.Core.Samplers;

/// <summary>
/// A finished trial as the model-based samplers see it: its unit-cube point, its losses (null when it failed or
/// lacks an objective), whether it counts as feasible, the value of each constraint's metric (NaN if absent), and its
/// task: 0 for a trial of this sweep, k for one of the k-th earlier sweep of the warm-start history.
/// </summary>
internal sealed record Observation(double[] Point, double[]? Losses, bool Feasible, double[] ConstraintValues, int Task = 0);
