namespace ExperimentHub.Server.Storage;

/// <summary>An upload would take a run or a project past its artifact quota; the API answers 413 with the message.</summary>
public sealed class ArtifactQuotaExceededException : IOException
{
    public ArtifactQuotaExceededException()
    {
    }

    public ArtifactQuotaExceededException(string message)
        : base(message)
    {
    }

    public ArtifactQuotaExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
