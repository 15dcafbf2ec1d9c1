namespace ExperimentHub.Contracts.Agents;

/// <summary>
/// The sweep's code (the spec's <c>code</c>): the repository and ref to fetch with git, the folder of the checkout the
/// trial runs in (null for its root), and the install command run once per agent and sweep (empty for none).
/// </summary>
public sealed record TrialCode(string Repo, string? Ref, string? Dir, IReadOnlyList<string> Install);
