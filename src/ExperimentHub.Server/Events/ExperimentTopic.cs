namespace ExperimentHub.Server.Events;

/// <summary>What changed: a run (metrics, status, logs), a sweep (trials, status), a project's lists, or the agents.</summary>
public readonly record struct ExperimentTopic(ExperimentTopicKind Kind, string Id)
{
    public static ExperimentTopic Run(long runId) => new(ExperimentTopicKind.Run, runId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static ExperimentTopic Sweep(long sweepId) => new(ExperimentTopicKind.Sweep, sweepId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static ExperimentTopic Project(string projectKey) => new(ExperimentTopicKind.Project, projectKey);

    public static ExperimentTopic Agents { get; } = new(ExperimentTopicKind.Agents, "");

    public override string ToString() => Kind == ExperimentTopicKind.Agents ? "agents" : $"{Kind.ToString().ToLowerInvariant()}:{Id}";
}
