using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Tests.Components.Sweeps;

/// <summary>The sweep page's commands, recorded; each answers <see cref="Answer"/>. The page sends no other command.</summary>
internal sealed class SweepPageCommands : IDashboardCommands
{
    public List<string> Sent { get; } = [];

    public CommandResult<bool> Answer { get; set; } = CommandResults.Ok(true);

    public Task<CommandResult<bool>> PauseSweepAsync(long sweepId, CancellationToken cancellationToken) => Send($"pause {sweepId}");

    public Task<CommandResult<bool>> ResumeSweepAsync(long sweepId, CancellationToken cancellationToken) => Send($"resume {sweepId}");

    public Task<CommandResult<bool>> StopSweepAsync(long sweepId, CancellationToken cancellationToken) => Send($"stop {sweepId}");

    public Task<CommandResult<ProjectSummary>> CreateProjectAsync(string key, string name, string? description, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The sweep page creates no project.");

    public Task<CommandResult<long>> SubmitSweepAsync(string projectKey, string specYaml, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The sweep page submits no sweep.");

    private Task<CommandResult<bool>> Send(string command)
    {
        Sent.Add(command);
        return Task.FromResult(Answer);
    }
}
