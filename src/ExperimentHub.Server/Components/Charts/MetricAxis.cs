namespace ExperimentHub.Server.Components.Charts;

/// <summary>What the x axis of metric curves counts.</summary>
public enum MetricAxis
{
    /// <summary>The step each point was logged at.</summary>
    Step,

    /// <summary>Seconds since the run's first point.</summary>
    Time,
}
