namespace ExperimentHub.Server.Dispatch;

/// <summary>Who runs the dispatcher's pass after a trial ends or a sweep changes.</summary>
public enum DispatchDelivery
{
    /// <summary>The coordinator itself, at once (a direct hand-off); Hangfire runs the timed passes.</summary>
    Direct,
    /// <summary>A Hangfire job, enqueued per signal (signals collapse while one waits).</summary>
    Hangfire,
}
