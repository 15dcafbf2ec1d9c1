namespace ExperimentHub.Server.Dispatch.Models;

/// <summary>What a control call did, and in words why it was refused.</summary>
public sealed record SweepChangeResult(SweepChange Outcome, string? Message = null)
{
    public static SweepChangeResult Done { get; } = new(SweepChange.Done);
}
