namespace ExperimentHub.Server.Events;

/// <summary>What changed: a run (metrics, status, logs), a sweep (trials, status), a project's lists, or the agents.</summary>
public readonly record struct ExperimentTopic(ExperimentTopicKind Kind, string Id)
{
    public static ExperimentTopic Run(long runId) => new(ExperimentTopicKind.Run, runId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static ExperimentTopic Sweep(long sweepId) => new(ExperimentTopicKind.Sweep, sweepId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static ExperimentTopic Project(string projectKey) => new(ExperimentTopicKind.Project, projectKey);

    public static ExperimentTopic Agents { get; } = new(ExperimentTopicKind.Agents, "");

    /// <summary>Any sweep was submitted or changed state (the dispatcher listens to wake up at once).</summary>
    public static ExperimentTopic Sweeps { get; } = new(ExperimentTopicKind.Sweeps, "");

    public override string ToString() => Id.Length == 0 ? Kind.ToString().ToLowerInvariant() : $"{Kind.ToString().ToLowerInvariant()}:{Id}";
}
