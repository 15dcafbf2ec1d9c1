namespace ExperimentHub.Server.Data;

/// <summary>Every way a run's status may change; <see cref="RunLifecycle"/> says from which statuses and to which.</summary>
public enum RunTransition
{
    /// <summary>An agent takes a pending trial: pending → leased.</summary>
    Lease,
    /// <summary>The agent's process is up (reported again after a reconnect): leased or running → running.</summary>
    Start,
    /// <summary>The agent reports success, or the script finishes its run: active → completed.</summary>
    Complete,
    /// <summary>The last allowed attempt failed, the trial lost its agent too often, or the script reports failure: active → failed.</summary>
    Fail,
    /// <summary>A failed attempt with retries left goes back to the queue: leased or running → pending.</summary>
    Retry,
    /// <summary>Its agent stopped heartbeating, or stopped it while shutting down; it runs elsewhere: leased or running → pending.</summary>
    Requeue,
    /// <summary>It ran past its timeout: active → timed_out.</summary>
    TimeOut,
    /// <summary>Early stopping ended it: active → pruned.</summary>
    Prune,
    /// <summary>A user, or the end of its sweep, stopped it: active → stopped.</summary>
    Stop,
}
