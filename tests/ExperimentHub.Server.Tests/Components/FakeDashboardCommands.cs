using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Tests.Components;

/// <summary>Records what the pages asked for and answers with what a test set.</summary>
internal sealed class FakeDashboardCommands : IDashboardCommands
{
    public List<string> Calls { get; } = [];

    public IReadOnlyList<SpecIssue> CreateProjectErrors { get; set; } = [];

    public IReadOnlyList<SpecIssue> SubmitErrors { get; set; } = [];

    public long SubmittedSweepId { get; set; } = 7;

    public string? SubmittedSpec { get; private set; }

    public Task<CommandResult<ProjectSummary>> CreateProjectAsync(string key, string name, string? description, CancellationToken cancellationToken)
    {
        Calls.Add($"create {key} {name}");
        return Task.FromResult(CreateProjectErrors.Count > 0
            ? new CommandResult<ProjectSummary>(null, CreateProjectErrors)
            : new CommandResult<ProjectSummary>(new ProjectSummary(1, key, name, description, DateTimeOffset.UnixEpoch, 0, 0, null), []));
    }

    public Task<CommandResult<long>> SubmitSweepAsync(string projectKey, string specYaml, CancellationToken cancellationToken)
    {
        Calls.Add($"submit {projectKey}");
        SubmittedSpec = specYaml;
        return Task.FromResult(new CommandResult<long>(SubmitErrors.Count > 0 ? 0 : SubmittedSweepId, SubmitErrors));
    }

    public Task<CommandResult<bool>> PauseSweepAsync(long sweepId, CancellationToken cancellationToken) => Done($"pause {sweepId}");

    public Task<CommandResult<bool>> ResumeSweepAsync(long sweepId, CancellationToken cancellationToken) => Done($"resume {sweepId}");

    public Task<CommandResult<bool>> StopSweepAsync(long sweepId, CancellationToken cancellationToken) => Done($"stop {sweepId}");

    private Task<CommandResult<bool>> Done(string call)
    {
        Calls.Add(call);
        return Task.FromResult(new CommandResult<bool>(true, []));
    }
}
