namespace ExperimentHub.Server.Storage;

/// <summary>
/// Where artifact bytes live (a local folder or an S3 bucket). Keys are already validated relative paths with
/// '/' separators, such as <c>runs/42/model/weights.bin</c>; the database keeps the artifact rows.
/// </summary>
public interface IArtifactStore
{
    /// <summary>Streams <paramref name="content"/> to <paramref name="key"/>, replacing what was there; returns the bytes written.</summary>
    Task<long> WriteAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>A stream over the artifact, or null when there is none.</summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
