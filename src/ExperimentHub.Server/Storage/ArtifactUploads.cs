using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Data.Services;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Storage;

/// <summary>
/// An upload is its bytes and its row, written as one: uploads to one run take turns, so the row always describes the
/// bytes stored (of concurrent uploads to one path, the last to finish is what both say), and the run's quota is
/// checked against what is really there. A refused or failed upload leaves the previous artifact as it was.
/// </summary>
public sealed class ArtifactUploads(IArtifactStore store, ArtifactCatalog catalog, IOptions<ArtifactStorageOptions> options) : IDisposable
{
    // Uploads of different runs proceed in parallel; a run hashes to one of these.
    private readonly SemaphoreSlim[] _runLocks = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>
    /// Streams <paramref name="content"/> to the run's <paramref name="path"/> (validated by the caller) and records it.
    /// Null when there is no such run; throws <see cref="ArtifactQuotaExceededException"/> past a quota and
    /// <see cref="ArtifactPathConflictException"/> when the path cannot exist beside the run's other artifacts.
    /// </summary>
    public async Task<Artifact?> UploadAsync(long runId, string path, Stream content, long? declaredLength, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var gate = _runLocks[(int)((ulong)runId % (ulong)_runLocks.Length)];
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (await catalog.UsageAsync(runId, path, cancellationToken) is not var (runBytes, projectBytes))
            {
                return null;
            }
            var allowed = Allowance(runId, runBytes, projectBytes, out var quota);
            if (declaredLength > allowed)
            {
                throw new ArtifactQuotaExceededException(quota!);
            }
            await using var body = new HashingReadStream(content, allowed, () => new ArtifactQuotaExceededException(quota!));
            var size = await store.WriteAsync(ArtifactCatalog.StoreKey(runId, path), body, cancellationToken);
            return await catalog.UpsertAsync(runId, path, size, contentType, body.HashHex(), cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose()
    {
        foreach (var gate in _runLocks)
        {
            gate.Dispose();
        }
    }

    /// <summary>How many bytes this upload may have, and the sentence that names the quota it would break.</summary>
    private long Allowance(long runId, long runBytes, long projectBytes, out string? quota)
    {
        var settings = options.Value;
        var forRun = settings.MaxBytesPerRun > 0 ? Math.Max(0, settings.MaxBytesPerRun - runBytes) : long.MaxValue;
        var forProject = settings.MaxBytesPerProject > 0 ? Math.Max(0, settings.MaxBytesPerProject - projectBytes) : long.MaxValue;
        quota = forRun <= forProject
            ? $"the upload would take run {runId} past its artifact quota of {settings.MaxBytesPerRun:N0} bytes ({ArtifactStorageOptions.SectionName}:MaxBytesPerRun); it holds {runBytes:N0} bytes in its other artifacts"
            : $"the upload would take run {runId}'s project past its artifact quota of {settings.MaxBytesPerProject:N0} bytes ({ArtifactStorageOptions.SectionName}:MaxBytesPerProject); it holds {projectBytes:N0} bytes";
        return Math.Min(forRun, forProject);
    }
}
