namespace ExperimentHub.Bench.Benchmarks;

/// <summary>One seeded trial: its parameters, its times (Unix ms) and the metrics its synthetic training reports.</summary>
internal sealed record UiSeedTrial(
    int Number,
    IReadOnlyDictionary<string, object> Parameters,
    long Created,
    long Started,
    long Ended,
    double Accuracy,
    double LatencyMs,
    double[] Loss);
