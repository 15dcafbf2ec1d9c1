namespace ExperimentHub.Server.Storage;

/// <summary>
/// Where artifact bytes live (a local folder or an S3 bucket). Keys are already validated relative paths with
/// '/' separators, such as <c>runs/42/model/weights.bin</c>; the database keeps the artifact rows. Every method
/// checks the key again and throws <see cref="ArgumentException"/> (message from <see cref="ArtifactKeys"/>) for a
/// bad one.
/// </summary>
public interface IArtifactStore
{
    /// <summary>
    /// Streams <paramref name="content"/> to <paramref name="key"/>, replacing what was there; returns the bytes written.
    /// Readers see the old artifact or the new one, never part of one; a failed or cancelled write leaves the old one.
    /// A folder store throws <see cref="ArtifactPathConflictException"/> when the key needs a folder where an artifact
    /// is, or names a folder of other artifacts.
    /// </summary>
    Task<long> WriteAsync(string key, Stream content, CancellationToken cancellationToken);

    /// <summary>
    /// A stream over the artifact, or null when there is none. The local store's stream can seek; the S3 store's
    /// cannot, but both report <see cref="Stream.Length"/>.
    /// </summary>
    Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Removes the artifact; nothing happens when there is none.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
