namespace ExperimentHub.Contracts.Api;

/// <summary>
/// <c>POST /api/v1/keys</c>. <see cref="Role"/>: viewer, editor, owner, admin or agent. <see cref="Project"/> binds an
/// owner, editor or viewer key to one project; without it the key acts on every project its user may, with at most
/// its role. <see cref="ExpiresAt"/> is optional.
/// </summary>
public sealed record CreateKeyRequest(string Name, string Role, string? Project = null, DateTimeOffset? ExpiresAt = null);
