using Microsoft.AspNetCore.SignalR.Client;

namespace ExperimentHub.Agent.SignalR;

/// <summary>
/// Exponential backoff with jitter that never gives up: attempt n waits a random time between half and all of
/// <c>min(InitialDelay * 2^n, MaxDelay)</c>, so agents cut off together do not all come back at once, and an agent
/// whose server is down for an hour is back as soon as it is.
/// </summary>
public sealed record ReconnectPolicy : IRetryPolicy
{
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A quarter of the server's lease, once it said it; 0 until then.</summary>
    private long _leaseCapTicks;

    /// <summary>
    /// The server keeps a lost agent's trials for <paramref name="lease"/>: waits between attempts are held to a
    /// quarter of it, so an agent whose server comes back within the lease is back in time to report on them, where a
    /// wait of <see cref="MaxDelay"/> could outlast a short lease and have its trials run again elsewhere.
    /// </summary>
    public void KeepWithinLease(TimeSpan lease) => Interlocked.Exchange(ref _leaseCapTicks, Math.Max(0, lease.Ticks / 4));

    public TimeSpan DelayFor(int attempt, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var initial = Math.Max(1.0, InitialDelay.TotalMilliseconds);
        var leaseCap = TimeSpan.FromTicks(Interlocked.Read(ref _leaseCapTicks));
        var max = leaseCap > TimeSpan.Zero && leaseCap < MaxDelay ? leaseCap : MaxDelay;
        var cap = Math.Max(initial, max.TotalMilliseconds);
        // 2^attempt overflows past ~1000; the cap is reached long before.
        var full = Math.Min(cap, initial * Math.Pow(2, Math.Min(attempt, 30)));
        return TimeSpan.FromMilliseconds(full * (0.5 + (0.5 * random.NextDouble())));
    }

    /// <summary>The official client's automatic reconnect asks here; never null, so it never stops trying.</summary>
    public TimeSpan? NextRetryDelay(RetryContext retryContext)
    {
        ArgumentNullException.ThrowIfNull(retryContext);
        return DelayFor((int)Math.Min(retryContext.PreviousRetryCount, int.MaxValue), Random.Shared);
    }
}
