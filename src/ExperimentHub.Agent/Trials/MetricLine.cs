namespace ExperimentHub.Agent.Trials;

/// <summary>
/// One parsed <c>EXPERIMENTHUB step=3 loss=0.21</c> line: its step when given, its values, and the tokens it
/// had to skip (each with the reason, so the agent can say so in the log).
/// </summary>
public sealed record MetricLine(long? Step, IReadOnlyList<KeyValuePair<string, double>> Values, IReadOnlyList<string> Problems);
