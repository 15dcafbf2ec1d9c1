namespace ExperimentHub.Contracts.Agents;

/// <summary>
/// One metric value a trial printed. When the line named no step the agent numbers the key's points itself
/// (0, 1, 2, ...), so that a report sent twice after a reconnect stays idempotent per (run, key, step).
/// NaN and infinities are real values here.
/// </summary>
public sealed record MetricReportPoint(string Key, long Step, double Value, DateTimeOffset Timestamp);
