namespace ExperimentHub.Contracts.Agents;

/// <summary>The hub method names on the wire (the SignalR target names), which the agent's typed client invokes and handles.</summary>
public static class AgentHubMethods
{
    public const string Register = nameof(IAgentHub.Register);
    public const string Heartbeat = nameof(IAgentHub.Heartbeat);
    public const string RequestWork = nameof(IAgentHub.RequestWork);
    public const string TrialStarted = nameof(IAgentHub.TrialStarted);
    public const string ReportMetrics = nameof(IAgentHub.ReportMetrics);
    public const string ReportLogs = nameof(IAgentHub.ReportLogs);
    public const string TrialEnded = nameof(IAgentHub.TrialEnded);
    public const string EndTrialAndRequestWork = nameof(IAgentHub.EndTrialAndRequestWork);
    public const string TrialSetupFailed = nameof(IAgentHub.TrialSetupFailed);
    public const string Reattach = nameof(IAgentHub.Reattach);

    public const string StopTrial = nameof(IAgentClient.StopTrial);
    public const string WorkAvailable = nameof(IAgentClient.WorkAvailable);
}
