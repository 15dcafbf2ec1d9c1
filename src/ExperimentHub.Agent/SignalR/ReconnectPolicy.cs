namespace ExperimentHub.Agent.SignalR;

/// <summary>
/// Exponential backoff with jitter: attempt n waits a random time between half and all of
/// <c>min(InitialDelay * 2^n, MaxDelay)</c>, so agents cut off together do not all come back at once.
/// </summary>
public sealed record ReconnectPolicy
{
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan DelayFor(int attempt, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var initial = Math.Max(1.0, InitialDelay.TotalMilliseconds);
        var cap = Math.Max(initial, MaxDelay.TotalMilliseconds);
        // 2^attempt overflows past ~1000; the cap is reached long before.
        var full = Math.Min(cap, initial * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(full * (0.5 + (0.5 * random.NextDouble())));
    }
}
