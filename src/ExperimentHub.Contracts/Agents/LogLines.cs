namespace ExperimentHub.Contracts.Agents;

/// <summary>A batch of a trial's output lines (standard output and error interleaved, in arrival order).</summary>
public sealed record LogLines(long RunId, IReadOnlyList<string> Lines);
