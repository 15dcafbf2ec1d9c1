using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Data;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Notifications;

/// <summary>
/// A project's notification defaults, as set in the dashboard: the notify list every sweep of the project gets
/// besides its own, written and validated as a spec's <c>notify</c> field.
/// </summary>
public sealed class ProjectNotifyDefaults(IDbContextFactory<ExperimentHubDb> contexts)
{
    /// <summary>The stored text; null when there is no such project.</summary>
    public async Task<string?> GetAsync(string projectKey, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Key == projectKey, cancellationToken);
        return project is null ? null : project.NotifyText ?? "";
    }

    /// <summary>Stores <paramref name="text"/> when it is a valid list (empty clears it); otherwise every error, and nothing changes.</summary>
    public async Task<IReadOnlyList<SpecError>> SetAsync(string projectKey, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parsed = NotifyListParser.Parse(text);
        if (!parsed.IsValid)
        {
            return parsed.Errors;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await db.Projects.Where(p => p.Key == projectKey)
            .ExecuteUpdateAsync(u => u.SetProperty(p => p.NotifyText, parsed.Targets.Count == 0 ? null : text.Trim()), cancellationToken);
        return changed == 0 ? [new SpecError("", $"there is no project '{projectKey}'")] : [];
    }
}
