namespace ExperimentHub.Server.Data.Entities;

/// <summary>Someone who signs in to the dashboard and owns keys; admins see and do everything.</summary>
public sealed class User
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public bool IsAdmin { get; set; }
    /// <summary>A <c>PasswordHasher&lt;User&gt;</c> hash; null for a user who cannot sign in (the bootstrap key's owner).</summary>
    public string? PasswordHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<ApiKey> ApiKeys { get; set; } = [];
}
