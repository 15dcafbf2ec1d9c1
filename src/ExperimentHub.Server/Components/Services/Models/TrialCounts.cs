namespace ExperimentHub.Server.Components.Services.Models;

public sealed record TrialCounts(int Pending, int Running, int Completed, int Failed, int Pruned, int Stopped)
{
    public int Finished => Completed + Failed + Pruned + Stopped;

    public int Total => Pending + Running + Finished;
}
