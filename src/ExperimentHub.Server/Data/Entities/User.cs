namespace ExperimentHub.Server.Data.Entities;

public sealed class User
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public bool IsAdmin { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<ApiKey> ApiKeys { get; set; } = [];
}
