namespace ExperimentHub.Server.Components.Pages.Sweeps;

public sealed class ObjectiveField
{
    public string Metric { get; set; } = "";

    public string Goal { get; set; } = "minimize";
}
