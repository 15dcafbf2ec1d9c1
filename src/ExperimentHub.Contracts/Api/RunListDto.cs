namespace ExperimentHub.Contracts.Api;

/// <summary>A page of runs, newest first; ask for the next with <c>?beforeId=</c><see cref="NextBeforeId"/>.</summary>
public sealed record RunListDto(IReadOnlyList<RunDto> Runs, long? NextBeforeId);
