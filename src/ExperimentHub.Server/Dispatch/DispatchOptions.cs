using System.ComponentModel.DataAnnotations;

namespace ExperimentHub.Server.Dispatch;

/// <summary>The <c>ExperimentHub:Dispatch</c> settings.</summary>
public sealed class DispatchOptions
{
    public const string Section = "ExperimentHub:Dispatch";

    /// <summary>How long a trial stays leased without a heartbeat before it is requeued.</summary>
    [Range(2, 86_400, ErrorMessage = "ExperimentHub:Dispatch:LeaseSeconds must be between 2 and 86400")]
    public int LeaseSeconds { get; set; } = 60;

    /// <summary>How often agents heartbeat; must leave room for at least two missed beats within a lease.</summary>
    [Range(1, 3_600, ErrorMessage = "ExperimentHub:Dispatch:HeartbeatSeconds must be between 1 and 3600")]
    public int HeartbeatSeconds { get; set; } = 10;

    /// <summary>How often expired leases and timed-out trials are looked for.</summary>
    [Range(50, 60_000, ErrorMessage = "ExperimentHub:Dispatch:ReapIntervalMilliseconds must be between 50 and 60000")]
    public int ReapIntervalMilliseconds { get; set; } = 1_000;

    /// <summary>How often every running sweep is looked at even when nothing signalled (events wake it sooner).</summary>
    [Range(50, 60_000, ErrorMessage = "ExperimentHub:Dispatch:CoordinatorIntervalMilliseconds must be between 50 and 60000")]
    public int CoordinatorIntervalMilliseconds { get; set; } = 2_000;

    /// <summary>How many times one trial may lose its agent (lease expired) before it counts as failed.</summary>
    [Range(0, 100, ErrorMessage = "ExperimentHub:Dispatch:MaxLostLeases must be between 0 and 100")]
    public int MaxLostLeases { get; set; } = 3;

    /// <summary>How long an asked trial (ask/tell) may stay untold before it fails as expired.</summary>
    [Range(2, 604_800, ErrorMessage = "ExperimentHub:Dispatch:AskExpirySeconds must be between 2 and 604800")]
    public int AskExpirySeconds { get; set; } = 3_600;

    /// <summary>
    /// Who runs the pass that hands out trials after one ends: <c>Direct</c> (the default; the dispatch bench holds its
    /// targets this way) or <c>Hangfire</c> (a job per signal; measured in the README's "Background jobs").
    /// </summary>
    public DispatchDelivery Delivery { get; set; } = DispatchDelivery.Direct;

    /// <summary>The server's address as trials should reach it (EXPERIMENTHUB_API_URL); empty: the address the agent connected to.</summary>
    public string? PublicUrl { get; set; }
}
