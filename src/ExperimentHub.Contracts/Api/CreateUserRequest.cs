namespace ExperimentHub.Contracts.Api;

/// <summary><c>POST /api/v1/users</c> (admins only).</summary>
public sealed record CreateUserRequest(string Name, string Password, bool IsAdmin = false);
