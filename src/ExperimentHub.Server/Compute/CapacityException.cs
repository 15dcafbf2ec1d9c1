namespace ExperimentHub.Server.Compute;

/// <summary>
/// The engine refused to start capacity. <see cref="Retryable"/> errors (a quota, no capacity in the zone) are tried
/// again with backoff; the others (a wrong image id) too, more slowly, since an operator may fix the setting meanwhile.
/// </summary>
public sealed class CapacityException : Exception
{
    public CapacityException()
    {
    }

    public CapacityException(string message)
        : base(message)
    {
    }

    public CapacityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CapacityException(string message, string? code, bool retryable, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
        Retryable = retryable;
    }

    /// <summary>The engine's error code, such as <c>InsufficientInstanceCapacity</c>.</summary>
    public string? Code { get; }

    public bool Retryable { get; }
}
