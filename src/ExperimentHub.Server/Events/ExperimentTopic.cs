using System.Globalization;

namespace ExperimentHub.Server.Events;

/// <summary>
/// What changed: a run (metrics, status, logs), a sweep (trials, status), a project (its runs and sweeps), the list of
/// projects, or the agents. Each change publishes only its own topic; a page that shows several things subscribes to
/// each of them (the sweep page to its sweep and to its running trials' runs, say).
/// </summary>
public readonly record struct ExperimentTopic(ExperimentTopicKind Kind, string Id)
{
    public static ExperimentTopic Run(long runId) => new(ExperimentTopicKind.Run, runId.ToString(CultureInfo.InvariantCulture));

    public static ExperimentTopic Sweep(long sweepId) => new(ExperimentTopicKind.Sweep, sweepId.ToString(CultureInfo.InvariantCulture));

    /// <summary>A run of the project was created or finished, or a sweep was submitted to it.</summary>
    public static ExperimentTopic Project(long projectId) => new(ExperimentTopicKind.Project, projectId.ToString(CultureInfo.InvariantCulture));

    /// <summary>A project was created.</summary>
    public static ExperimentTopic Projects { get; } = new(ExperimentTopicKind.Projects, "");

    /// <summary>An agent connected, heartbeat, went offline, or started or ended a trial.</summary>
    public static ExperimentTopic Agents { get; } = new(ExperimentTopicKind.Agents, "");

    /// <summary>Any sweep was submitted or changed state (the dispatcher listens to wake up at once).</summary>
    public static ExperimentTopic Sweeps { get; } = new(ExperimentTopicKind.Sweeps, "");

    public override string ToString() => Id.Length == 0 ? Kind.ToString().ToLowerInvariant() : $"{Kind.ToString().ToLowerInvariant()}:{Id}";
}
