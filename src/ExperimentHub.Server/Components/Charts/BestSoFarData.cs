namespace ExperimentHub.Server.Components.Charts;

/// <summary>
/// Each completed trial's objective in finishing order (x is the count of completed trials, thinned evenly above a
/// few thousand) and the best value so far, as the points where it improved.
/// </summary>
/// <param name="Completed">Completed trials with a finite objective, drawn or not.</param>
public sealed record BestSoFarData(ScatterGroup Trials, ScatterGroup Best, string Metric, int Completed);
