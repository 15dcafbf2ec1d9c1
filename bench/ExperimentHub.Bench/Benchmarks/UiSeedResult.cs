namespace ExperimentHub.Bench.Benchmarks;

/// <summary>What <see cref="UiSweepSeeder"/> wrote: the sweep, how many trials and metric points, and how long it took.</summary>
internal sealed record UiSeedResult(long SweepId, int Trials, int Points, int Infeasible, TimeSpan Elapsed);
