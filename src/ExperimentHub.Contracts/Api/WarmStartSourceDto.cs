namespace ExperimentHub.Contracts.Api;

/// <summary>An earlier sweep a warm start learned from: its similarity (0 to 1) and how many initial trials it gave.</summary>
public sealed record WarmStartSourceDto(long SweepId, double Similarity, int Trials);
