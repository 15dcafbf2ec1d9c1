using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Auth;

/// <summary>
/// Counts refused bearer keys per client IP in ASP.NET Core's rate limiter (a fixed window per address). A client that
/// used up its failures is refused with 429 before its key is even looked at, so guessing stays slow; clients at other
/// addresses are not affected. Successful keys cost nothing.
/// </summary>
public sealed class FailedKeyThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<IPAddress> _failures;

    public FailedKeyThrottle(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value;
        _failures = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limits.FailedKeyAttempts,
                Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>When the client has no failures left: how long until it may try again (null when it may try now).</summary>
    public TimeSpan? Blocked(IPAddress? client)
    {
        // A zero-permit request never takes a permit; when none are left its lease carries the wait.
        using var probe = _failures.AttemptAcquire(client ?? IPAddress.None, 0);
        if (probe.IsAcquired)
        {
            return null;
        }
        return probe.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
    }

    /// <summary>Counts one refused key.</summary>
    public void Failed(IPAddress? client)
    {
        using var lease = _failures.AttemptAcquire(client ?? IPAddress.None);
    }

    public void Dispose() => _failures.Dispose();
}
