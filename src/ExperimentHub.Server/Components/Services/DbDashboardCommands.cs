using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Components.Services.Models;
using ExperimentHub.Server.Dispatch;
using ExperimentHub.Server.Dispatch.Models;
using ExperimentHub.Server.Data.Services;

namespace ExperimentHub.Server.Components.Services;

/// <summary>
/// The dashboard's changes, through the same services the API uses: projects through the store, sweeps through the
/// dispatcher's sweep service (which validates specs, wakes the dispatcher and stops trials).
/// </summary>
internal sealed class DbDashboardCommands(
    ProjectStore projects, SweepService sweeps) : IDashboardCommands
{
    public async Task<CommandResult<ProjectSummary>> CreateProjectAsync(string key, string name, string? description, CancellationToken cancellationToken)
    {
        var errors = ProjectStore.Validate(key, name, description);
        if (errors.Count > 0)
        {
            return CommandResults.Fail<ProjectSummary>(errors.Select(e => new SpecIssue(e.Key, null, null, Sentence(e.Value))).ToList());
        }
        var project = await projects.CreateAsync(key, name.Trim(), description, cancellationToken);
        if (project is null)
        {
            return CommandResults.Fail<ProjectSummary>("key", Sentence(ProjectStore.KeyTaken(key)));
        }
        return CommandResults.Ok(new ProjectSummary(project.Id, project.Key, project.Name, project.Description, project.CreatedAt, 0, 0, null));
    }

    public async Task<CommandResult<long>> SubmitSweepAsync(string projectKey, string specYaml, CancellationToken cancellationToken)
    {
        var result = await sweeps.SubmitAsync(projectKey, specYaml, SpecFormat.Yaml, cancellationToken);
        if (!result.ProjectFound)
        {
            return CommandResults.Fail<long>("project", $"There is no project '{projectKey}'.");
        }
        return result.SweepId is { } id
            ? CommandResults.Ok(id)
            : CommandResults.Fail<long>(result.Errors.Select(e => new SpecIssue(e.Path, e.Line, e.Column, e.Message)).ToList());
    }

    public async Task<CommandResult<bool>> PauseSweepAsync(long sweepId, CancellationToken cancellationToken) =>
        Outcome(await sweeps.PauseAsync(sweepId, cancellationToken));

    public async Task<CommandResult<bool>> ResumeSweepAsync(long sweepId, CancellationToken cancellationToken) =>
        Outcome(await sweeps.ResumeAsync(sweepId, cancellationToken));

    /// <summary>The dispatcher stops the sweep's running and waiting trials too.</summary>
    public async Task<CommandResult<bool>> StopSweepAsync(long sweepId, CancellationToken cancellationToken) =>
        Outcome(await sweeps.StopAsync(sweepId, cancellationToken));

    private static CommandResult<bool> Outcome(SweepChangeResult result) =>
        result.Outcome == SweepChange.Done
            ? CommandResults.Ok(true)
            : CommandResults.Fail<bool>("status", Sentence(result.Message ?? "The sweep could not be changed"));

    private static string Sentence(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..] + (text.EndsWith('.') ? "" : ".");
}
