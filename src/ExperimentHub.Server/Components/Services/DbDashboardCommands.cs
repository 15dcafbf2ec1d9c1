using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Components.Services.Models;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Data.Services;
using ExperimentHub.Server.Events;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Components.Services;

/// <summary>
/// The dashboard's changes, through the same stores the API uses. Sweep state lives in the database, which the
/// dispatcher reads as its queue, so submitting, pausing and stopping are row updates it picks up.
/// </summary>
internal sealed class DbDashboardCommands(
    IDbContextFactory<ExperimentHubDb> contexts, ProjectStore projects, ISweepSpecChecker checker, IExperimentEvents events,
    TimeProvider time) : IDashboardCommands
{
    public async Task<CommandResult<ProjectSummary>> CreateProjectAsync(string key, string name, string? description, CancellationToken cancellationToken)
    {
        if (ProjectStore.ValidateKey(key) is { } keyError)
        {
            return CommandResults.Fail<ProjectSummary>("key", Sentence(keyError));
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            return CommandResults.Fail<ProjectSummary>("name", "A project needs a name.");
        }
        if (name.Length > ProjectStore.MaxNameLength)
        {
            return CommandResults.Fail<ProjectSummary>("name", $"A project name has at most {ProjectStore.MaxNameLength} characters.");
        }
        var project = await projects.CreateAsync(key, name, description, cancellationToken);
        if (project is null)
        {
            return CommandResults.Fail<ProjectSummary>("key", $"A project with the key '{key}' exists already.");
        }
        return CommandResults.Ok(new ProjectSummary(project.Key, project.Name, project.Description, project.CreatedAt, 0, 0, null));
    }

    public async Task<CommandResult<long>> SubmitSweepAsync(string projectKey, string specYaml, CancellationToken cancellationToken)
    {
        var parsed = SweepSpecParser.Parse(specYaml, SpecFormat.Yaml);
        if (!parsed.IsValid)
        {
            return CommandResults.Fail<long>(checker.Check(specYaml));
        }
        var spec = parsed.Spec!;
        var budget = spec.Budget.Trials ?? GridSize(spec);
        if (budget is not > 0)
        {
            return CommandResults.Fail<long>("budget.trials", "Give the number of trials: only a grid over parameters with a finite number of values can leave it out.");
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var projectId = await db.Projects.Where(p => p.Key == projectKey).Select(p => (long?)p.Id).FirstOrDefaultAsync(cancellationToken);
        if (projectId is null)
        {
            return CommandResults.Fail<long>("project", $"There is no project '{projectKey}'.");
        }
        var sweep = new Sweep
        {
            ProjectId = projectId.Value,
            Name = spec.Name,
            SpecText = specYaml,
            SpecFormat = "yaml",
            Status = SweepStatus.Running,
            Seed = spec.Seed,
            TrialBudget = budget.Value,
            Parallel = spec.Budget.Parallel,
            CreatedAt = time.GetUtcNow(),
        };
        db.Sweeps.Add(sweep);
        await db.SaveChangesAsync(cancellationToken);
        events.Publish(ExperimentTopic.Project(projectKey));
        events.Publish(ExperimentTopic.Sweeps);
        return CommandResults.Ok(sweep.Id);
    }

    public Task<CommandResult<bool>> PauseSweepAsync(long sweepId, CancellationToken cancellationToken) =>
        ChangeStatusAsync(sweepId, [SweepStatus.Running], SweepStatus.Paused, "paused from the dashboard", cancellationToken);

    public Task<CommandResult<bool>> ResumeSweepAsync(long sweepId, CancellationToken cancellationToken) =>
        ChangeStatusAsync(sweepId, [SweepStatus.Paused], SweepStatus.Running, null, cancellationToken);

    public Task<CommandResult<bool>> StopSweepAsync(long sweepId, CancellationToken cancellationToken) =>
        ChangeStatusAsync(sweepId, [SweepStatus.Running, SweepStatus.Paused], SweepStatus.Stopped, "stopped from the dashboard", cancellationToken);

    private async Task<CommandResult<bool>> ChangeStatusAsync(
        long sweepId, SweepStatus[] from, SweepStatus to, string? reason, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        // One conditional UPDATE: a sweep that changed state meanwhile (completed, say) is left as it is.
        var changed = to == SweepStatus.Stopped
            ? await db.Sweeps.Where(s => s.Id == sweepId && from.Contains(s.Status))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, to).SetProperty(s => s.StatusReason, reason).SetProperty(s => s.EndedAt, now), cancellationToken)
            : await db.Sweeps.Where(s => s.Id == sweepId && from.Contains(s.Status))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, to).SetProperty(s => s.StatusReason, reason), cancellationToken);
        if (changed == 0)
        {
            var status = await db.Sweeps.Where(s => s.Id == sweepId).Select(s => (SweepStatus?)s.Status).FirstOrDefaultAsync(cancellationToken);
            return status is null
                ? CommandResults.Fail<bool>("sweep", $"There is no sweep {sweepId}.")
                : CommandResults.Fail<bool>("status", $"The sweep is {Data.Converters.EnumNames.ToText(status.Value)}, so it cannot be {Verb(to)}.");
        }
        events.Publish(ExperimentTopic.Sweep(sweepId));
        events.Publish(ExperimentTopic.Sweeps);
        return CommandResults.Ok(true);
    }

    private static string Verb(SweepStatus to) => to switch
    {
        SweepStatus.Paused => "paused",
        SweepStatus.Running => "resumed",
        _ => "stopped",
    };

    private static int? GridSize(SweepSpec spec)
    {
        if (spec.Method != SearchMethod.Grid)
        {
            return null;
        }
        long size = 1;
        foreach (var parameter in spec.Space.Parameters)
        {
            if (parameter.Cardinality is not { } n)
            {
                return null;
            }
            size *= n;
            if (size > 1_000_000)
            {
                return null;
            }
        }
        return (int)size;
    }

    private static string Sentence(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..] + ".";
}
