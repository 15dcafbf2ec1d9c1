using System.ComponentModel.DataAnnotations;

namespace ExperimentHub.Server.Auth;

/// <summary><c>ExperimentHub:RateLimits</c>: throttles on guessing, per client IP address.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "ExperimentHub:RateLimits";

    /// <summary>Sign-in and first-admin form posts a client may make per window; more answer 429 with Retry-After.</summary>
    [Range(1, 100_000, ErrorMessage = "ExperimentHub:RateLimits:SignInAttempts must be between 1 and 100000")]
    public int SignInAttempts { get; set; } = 10;

    /// <summary>Wrong, expired or revoked bearer keys a client may send per window; after that its every key is refused with 429 until the window ends.</summary>
    [Range(1, 100_000, ErrorMessage = "ExperimentHub:RateLimits:FailedKeyAttempts must be between 1 and 100000")]
    public int FailedKeyAttempts { get; set; } = 20;

    [Range(1, 86_400, ErrorMessage = "ExperimentHub:RateLimits:WindowSeconds must be between 1 and 86400")]
    public int WindowSeconds { get; set; } = 60;
}
