namespace ExperimentHub.Contracts.Api;

/// <summary><c>PUT /api/v1/projects/{project}/members/{user}</c>: owner, editor or viewer.</summary>
public sealed record SetMemberRequest(string Role);
