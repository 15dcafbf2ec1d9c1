namespace ExperimentHub.Server.Components.Services.Models;

/// <summary>A trial of a warm start's initial design: the earlier sweep and run whose configuration it took.</summary>
public sealed record HistoryTrial(long RunId, int TrialNumber, long SourceSweepId, long SourceRunId);
