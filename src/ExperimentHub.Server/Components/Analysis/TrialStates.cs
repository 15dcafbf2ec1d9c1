namespace ExperimentHub.Server.Components.Analysis;

/// <summary>Trial statuses as the store writes them (snake_case), and which of them are over.</summary>
public static class TrialStates
{
    public const string Completed = "completed";

    public static bool IsActive(string state) => state is "pending" or "leased" or "running";
}
