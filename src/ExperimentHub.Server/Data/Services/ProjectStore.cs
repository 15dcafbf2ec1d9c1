using ExperimentHub.Contracts.Api;
using System.Text.RegularExpressions;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Events;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Data.Services;

/// <summary>
/// Projects: one DbContext per call, so pages and API handlers can share this singleton. It owns the rules of a new
/// project (<see cref="Validate"/>), which the API and the dashboard both apply.
/// </summary>
public sealed partial class ProjectStore(IDbContextFactory<ExperimentHubDb> contexts, TimeProvider time, IExperimentEvents events)
{
    public const int MaxKeyLength = 64;
    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 10_000;

    /// <summary>Every problem of a new project's fields, by field name (key, name, description); empty when it is valid.</summary>
    public static Dictionary<string, string> Validate(string? key, string? name, string? description)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (ValidateKey(key) is { } keyError)
        {
            errors["key"] = keyError;
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            errors["name"] = "a project needs a name";
        }
        else if (name.Length > MaxNameLength)
        {
            errors["name"] = $"a project name has at most {MaxNameLength} characters";
        }
        else if (VisibleText.FindHidden(name) is { } hidden)
        {
            errors["name"] = $"a project name may not hold control or bidirectional characters: it {hidden}";
        }
        if (description is { Length: > MaxDescriptionLength })
        {
            errors["description"] = $"a description has at most {MaxDescriptionLength} characters";
        }
        else if (description is not null && description.Any(c => c == '\0' || VisibleText.IsBidiControl(c)))
        {
            // A description may span lines, so only NUL and the bidirectional controls are refused in it.
            errors["description"] = "a description may not hold NUL or bidirectional control characters";
        }
        return errors;
    }

    /// <summary>Why <see cref="CreateAsync"/> returned null.</summary>
    public static string KeyTaken(string key) => $"a project with the key '{key}' exists already";

    /// <summary>Null when <paramref name="key"/> is a valid project key, else why not.</summary>
    public static string? ValidateKey(string? key) => key switch
    {
        null or "" => "a project key is required",
        { Length: > MaxKeyLength } => $"a project key has at most {MaxKeyLength} characters",
        _ when !KeyPattern().IsMatch(key) => "a project key starts with a letter or digit and holds only letters, digits, '-', '_' and '.'",
        _ => null,
    };

    /// <summary>The new project, or null when the key is taken.</summary>
    public async Task<Project?> CreateAsync(string key, string name, string? description, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Projects.AnyAsync(p => p.Key == key, cancellationToken))
        {
            return null;
        }
        var project = new Project { Key = key, Name = name, Description = description, CreatedAt = time.GetUtcNow() };
        db.Projects.Add(project);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            // Another request took the key between the check and the insert.
            return null;
        }
        events.Publish(ExperimentTopic.Projects);
        return project;
    }

    public async Task<IReadOnlyList<Project>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Projects.AsNoTracking().OrderBy(p => p.Key).ToListAsync(cancellationToken);
    }

    public async Task<Project?> FindAsync(string key, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Key == key, cancellationToken);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex KeyPattern();
}
