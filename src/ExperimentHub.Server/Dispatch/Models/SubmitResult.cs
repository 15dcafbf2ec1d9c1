using ExperimentHub.Core.Specs;

namespace ExperimentHub.Server.Dispatch.Models;

/// <summary>A submitted sweep's id, or every error of its spec, or a missing project.</summary>
public sealed record SubmitResult(long? SweepId, IReadOnlyList<SpecError> Errors, bool ProjectFound = true)
{
    public bool Succeeded => SweepId is not null;
}
