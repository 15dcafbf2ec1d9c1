using System.Collections.Concurrent;
using ExperimentHub.Server.Storage;

namespace ExperimentHub.Server.Tests.Infrastructure;

/// <summary>Stands in for the artifact store only where the app has none registered.</summary>
public sealed class InMemoryArtifactStore : IArtifactStore
{
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Keys => _blobs.Keys.ToList();

    public async Task<long> WriteAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken);
        _blobs[key] = buffer.ToArray();
        return buffer.Length;
    }

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        Task.FromResult<Stream?>(_blobs.TryGetValue(key, out var bytes) ? new MemoryStream(bytes, writable: false) : null);

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        _blobs.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}
