namespace ExperimentHub.Server.Notifications;

/// <summary>
/// Whether anyone listens for a sweep's <c>new_best</c>, as last read, and the completed trials waiting for the next
/// read. Guarded by locking the instance.
/// </summary>
internal sealed class NewBestInterest
{
    public bool Wanted { get; set; }

    /// <summary>Until when <see cref="Wanted"/> holds; before the first read, the past.</summary>
    public DateTimeOffset Until { get; set; } = DateTimeOffset.MinValue;

    public bool Reading { get; set; }

    public List<long> Waiting { get; } = [];
}
