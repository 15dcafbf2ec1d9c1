namespace ExperimentHub.Server.Data.Entities;

public sealed class Project
{
    public long Id { get; set; }
    /// <summary>The short, unique name used in URLs (<c>/api/v1/projects/{key}</c>).</summary>
    public required string Key { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The notify list every sweep of the project gets besides its own (a spec's notify format); null for none.</summary>
    public string? NotifyText { get; set; }
    public List<Sweep> Sweeps { get; set; } = [];
    public List<Run> Runs { get; set; } = [];
}
