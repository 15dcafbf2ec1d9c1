namespace ExperimentHub.Contracts.Api;

/// <summary>A user's role in a project: owner, editor or viewer.</summary>
public sealed record MemberDto(string User, string Role, DateTimeOffset CreatedAt);
