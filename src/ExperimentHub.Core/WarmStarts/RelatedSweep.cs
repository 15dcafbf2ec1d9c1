namespace ExperimentHub.Core.WarmStarts;

/// <summary>An earlier sweep found related to the new one, with its similarity (0 to 1) and its design points.</summary>
public sealed record RelatedSweep(long SweepId, double Similarity, int Points);
