namespace ExperimentHub.Contracts.Api;

/// <summary>A user, never their password.</summary>
public sealed record UserDto(long Id, string Name, bool IsAdmin, bool CanSignIn, DateTimeOffset CreatedAt);
