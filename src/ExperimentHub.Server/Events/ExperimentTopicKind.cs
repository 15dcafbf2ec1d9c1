namespace ExperimentHub.Server.Events;

public enum ExperimentTopicKind
{
    Run,
    Sweep,
    Project,
    Projects,
    Agents,
    Sweeps,
}
