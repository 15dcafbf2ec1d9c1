namespace ExperimentHub.Contracts.Api;

/// <summary>
/// Where a sweep's history comes from: <see cref="Mode"/> <c>sweeps</c> (listed in the spec) or <c>auto</c>; for auto,
/// <see cref="Note"/> says what was found (or that nothing was) and <see cref="Sources"/> the related sweeps.
/// </summary>
public sealed record WarmStartDto(string Mode, string? Note, IReadOnlyList<WarmStartSourceDto> Sources);
