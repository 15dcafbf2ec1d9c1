using System.Text.Json.Serialization;

namespace ExperimentHub.Contracts.Agents;

/// <summary>How a trial's process ended; on the wire <c>completed</c>, <c>failed</c>, <c>stopped</c>, <c>timed_out</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrialOutcome>))]
public enum TrialOutcome
{
    /// <summary>Exit code 0.</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,
    /// <summary>Non-zero exit code, a killing signal, or a process that could not start.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
    /// <summary>Stopped on request (user, early stopping, sweep stopped, agent shutting down).</summary>
    [JsonStringEnumMemberName("stopped")]
    Stopped,
    /// <summary>Stopped because it ran past its timeout.</summary>
    [JsonStringEnumMemberName("timed_out")]
    TimedOut,
}
