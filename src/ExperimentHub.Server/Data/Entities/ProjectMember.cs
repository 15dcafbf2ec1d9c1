namespace ExperimentHub.Server.Data.Entities;

/// <summary>A user's role in one project.</summary>
public sealed class ProjectMember
{
    public long ProjectId { get; set; }
    public Project? Project { get; set; }
    public long UserId { get; set; }
    public User? User { get; set; }
    public ProjectRole Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
