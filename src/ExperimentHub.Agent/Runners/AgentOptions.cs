using ExperimentHub.Agent.Gpus;
using ExperimentHub.Agent.SignalR;

namespace ExperimentHub.Agent.Runners;

/// <summary>How an agent connects and how much it runs (the flags of <c>ehub agent</c>).</summary>
public sealed record AgentOptions
{
    /// <summary>The server's base URL (the hub path is added), or the hub's full URL.</summary>
    public required Uri ServerUrl { get; init; }

    public string? ApiKey { get; init; }

    public string Name { get; init; } = Environment.MachineName;

    /// <summary>Trials at once; null for the default (one per GPU, else half the CPUs).</summary>
    public int? Slots { get; init; }

    public GpuSelection Gpus { get; init; } = GpuSelection.Auto;

    /// <summary>Relative trial workdirs start here.</summary>
    public string Workdir { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>Each trial gets a folder here (its params file; its workdir when the sweep names none). Kept out of the work folder, which is often a source checkout.</summary>
    public string TrialsDir { get; init; } = Path.Combine(Path.GetTempPath(), "ehub-agent", "trials");

    /// <summary>The folder name, inside <see cref="Workdir"/>, of the sweeps' code workspaces when <see cref="WorkspacesDir"/> is not set.</summary>
    public const string DefaultWorkspacesFolder = ".ehub-workspaces";

    /// <summary>Each sweep with <c>code</c> gets a workspace here (its checkout, install log and marker); null for <see cref="DefaultWorkspacesFolder"/> in the work folder.</summary>
    public string? WorkspacesDir { get; init; }

    /// <summary>How long storing one trial's model folder may take before the agent gives up on it.</summary>
    public TimeSpan ModelUploadTimeout { get; init; } = TimeSpan.FromMinutes(30);

    public string NvidiaSmiPath { get; init; } = "nvidia-smi";

    /// <summary>
    /// The spot interruption notice URL of the instance metadata service; when it answers, the agent stops its trials
    /// (the server requeues them) and exits. Null on machines that are not spot instances.
    /// </summary>
    public Uri? InterruptionNoticeUrl { get; init; }

    /// <summary>How often the interruption notice is polled.</summary>
    public TimeSpan InterruptionPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Between SIGTERM and SIGKILL when a trial is stopped.</summary>
    public TimeSpan StopGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>With free slots, the agent asks for work this often even when the server says nothing.</summary>
    public TimeSpan WorkPollInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Metric points and log lines are sent in batches at most this far apart.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long shutdown waits to report the trials it stopped before giving up on the server.</summary>
    public TimeSpan ShutdownReportTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Bytes of JSON per metrics or logs message, at most: keeps each hub message below SignalR's default
    /// receive limit of 32 KB (a line of up to 2,000 characters, escaped, still fits).
    /// </summary>
    public int MaxBatchBytes { get; init; } = 20 * 1024;

    /// <summary>Log lines kept per trial while the server is unreachable; older ones are dropped and counted.</summary>
    public int MaxPendingLogLines { get; init; } = 5000;

    /// <summary>How long the agent waits between attempts to reach the server (first connection and reconnects); it never gives up.</summary>
    public ReconnectPolicy Reconnect { get; init; } = new();

    public Uri HubUrl => ServerUrl.AbsolutePath.TrimEnd('/').EndsWith(Contracts.Agents.AgentHubProtocol.Path, StringComparison.Ordinal)
        ? ServerUrl
        : new Uri(ServerUrl, ServerUrl.AbsolutePath.TrimEnd('/') + Contracts.Agents.AgentHubProtocol.Path);
}
