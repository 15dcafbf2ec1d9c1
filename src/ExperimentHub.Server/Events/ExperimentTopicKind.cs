namespace ExperimentHub.Server.Events;

public enum ExperimentTopicKind
{
    Run,
    Sweep,
    Project,
    Agents,
    Sweeps,
}
