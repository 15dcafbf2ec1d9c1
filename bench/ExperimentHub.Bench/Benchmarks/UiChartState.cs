namespace ExperimentHub.Bench.Benchmarks;

/// <summary>One chart element on the page: its kind (data-chart), whether it has drawn, and the points it drew.</summary>
internal sealed record UiChartState(string Kind, bool Drawn, int Points);
