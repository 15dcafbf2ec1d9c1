using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Data.Services;

/// <summary>Artifact rows (the bytes are in IArtifactStore): one DbContext per call.</summary>
public sealed class ArtifactCatalog(IDbContextFactory<ExperimentHubDb> contexts, TimeProvider time)
{
    /// <summary>The store key of a run's artifact; the path is already validated.</summary>
    public static string StoreKey(long runId, string path) => $"runs/{runId}/{path}";

    /// <summary>Records (or replaces the record of) an artifact whose bytes were written.</summary>
    public async Task<Artifact> UpsertAsync(long runId, string path, long size, string contentType, string? sha256, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var artifact = await db.Artifacts.FirstOrDefaultAsync(a => a.RunId == runId && a.Path == path, cancellationToken);
        if (artifact is null)
        {
            artifact = new Artifact { RunId = runId, Path = path, ContentType = contentType };
            db.Artifacts.Add(artifact);
        }
        artifact.Size = size;
        artifact.ContentType = contentType;
        artifact.Sha256 = sha256;
        artifact.CreatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return artifact;
    }

    /// <summary>
    /// The bytes a run's artifacts and its project's artifacts hold, leaving out <paramref name="path"/> of this run
    /// (an upload to it replaces those bytes); null when there is no such run.
    /// </summary>
    public async Task<(long RunBytes, long ProjectBytes)?> UsageAsync(long runId, string path, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Runs.Where(r => r.Id == runId).Select(r => (long?)r.ProjectId).FirstOrDefaultAsync(cancellationToken) is not { } projectId)
        {
            return null;
        }
        var others = db.Artifacts.Where(a => !(a.RunId == runId && a.Path == path));
        var runBytes = await others.Where(a => a.RunId == runId).SumAsync(a => a.Size, cancellationToken);
        var projectBytes = await others.Where(a => a.Run!.ProjectId == projectId).SumAsync(a => a.Size, cancellationToken);
        return (runBytes, projectBytes);
    }

    public async Task<Artifact?> FindAsync(long runId, string path, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Artifacts.AsNoTracking().FirstOrDefaultAsync(a => a.RunId == runId && a.Path == path, cancellationToken);
    }

    public async Task<IReadOnlyList<Artifact>> ListAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Artifacts.AsNoTracking().Where(a => a.RunId == runId).OrderBy(a => a.Path).ToListAsync(cancellationToken);
    }
}
