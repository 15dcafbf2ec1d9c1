namespace ExperimentHub.Server.Storage;

/// <summary>
/// A path that cannot exist beside the artifacts already stored: in a folder store, <c>a</c> cannot be both an
/// artifact and the folder of <c>a/b</c>. The API answers it with 409 Conflict.
/// </summary>
public sealed class ArtifactPathConflictException : IOException
{
    public ArtifactPathConflictException()
    {
    }

    public ArtifactPathConflictException(string message)
        : base(message)
    {
    }

    public ArtifactPathConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
