using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Components.Services;

/// <summary>Everything the pages change; failures come back as messages for the user, not exceptions.</summary>
public interface IDashboardCommands
{
    Task<CommandResult<ProjectSummary>> CreateProjectAsync(string key, string name, string? description, CancellationToken cancellationToken);

    /// <summary>Validates and submits a sweep spec (YAML); returns the new sweep's id or every error of the spec.</summary>
    Task<CommandResult<long>> SubmitSweepAsync(string projectKey, string specYaml, CancellationToken cancellationToken);

    Task<CommandResult<bool>> PauseSweepAsync(long sweepId, CancellationToken cancellationToken);

    Task<CommandResult<bool>> ResumeSweepAsync(long sweepId, CancellationToken cancellationToken);

    Task<CommandResult<bool>> StopSweepAsync(long sweepId, CancellationToken cancellationToken);
}
