using System.Globalization;
using ExperimentHub.Client;
using ExperimentHub.Contracts.Api;
using ExperimentHub.E2E.Tests.Infrastructure;
using ExperimentHub.Testing;

namespace ExperimentHub.E2E.Tests.Reliability;

/// <summary>
/// A real server process on its own data folder and the real <c>ehub agent</c> processes connected to it, with short
/// leases and heartbeats so that losses show within seconds. Knows which agent process is which registered agent.
/// </summary>
public sealed class AgentCluster : IAsyncDisposable
{
    public static readonly TimeSpan AgentStartTimeout = TimeSpan.FromSeconds(45);

    private readonly Dictionary<AgentProcess, string> _agentIds = [];
    private readonly ServerOptions _options;

    private AgentCluster(ServerProcess server, ServerOptions options, string dataDir)
    {
        Server = server;
        _options = options;
        DataDir = dataDir;
        Client = new ExperimentHubClient(server.BaseUri, server.AdminApiKey);
    }

    public ServerProcess Server { get; private set; }

    public ExperimentHubClient Client { get; private set; }

    public string DataDir { get; }

    public IReadOnlyCollection<AgentProcess> Agents => _agentIds.Keys;

    /// <param name="leaseSeconds">How long a trial stays leased without a heartbeat (heartbeats come every second).</param>
    /// <param name="localAgentSlots">Slots of the agent inside the server; 0 for none.</param>
    public static async Task<AgentCluster> StartAsync(int leaseSeconds = 10, int localAgentSlots = 0)
    {
        var dataDir = Directory.CreateTempSubdirectory("ehub-reliability-").FullName;
        var options = new ServerOptions
        {
            DataDir = dataDir,
            LocalAgentSlots = localAgentSlots,
            Settings = new Dictionary<string, string>
            {
                ["ExperimentHub:Dispatch:LeaseSeconds"] = leaseSeconds.ToString(CultureInfo.InvariantCulture),
                ["ExperimentHub:Dispatch:HeartbeatSeconds"] = "1",
                ["ExperimentHub:Dispatch:ReapIntervalMilliseconds"] = "200",
                ["ExperimentHub:Dispatch:CoordinatorIntervalMilliseconds"] = "200",
            },
        };
        var server = await ServerProcess.StartAsync(options);
        // Restarts reuse the address and the key, so that agents and clients find the server again.
        return new AgentCluster(server, options with { Port = server.Port, AdminApiKey = server.AdminApiKey }, dataDir);
    }

    /// <summary>Starts an agent and waits until the server lists it online; returns the process.</summary>
    /// <param name="slots">Trials at once.</param>
    /// <param name="workdir">The agent's work folder; null for a fresh temporary one.</param>
    public async Task<AgentProcess> StartAgentAsync(int slots = 1, string? workdir = null)
    {
        var known = (await Client.ListAgentsAsync()).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var agent = AgentProcess.Start(Server, new AgentOptions { Slots = slots, Workdir = workdir });
        try
        {
            var registered = await Eventually.ValueAsync(async () =>
            {
                if (agent.HasExited)
                {
                    throw new InvalidOperationException($"ehub agent exited:{Environment.NewLine}{agent.OutputTail}");
                }
                return (await Client.ListAgentsAsync()).FirstOrDefault(a => !known.Contains(a.Id) && a.Status == "online");
            }, "a new agent to register", AgentStartTimeout);
            _agentIds[agent] = registered.Id;
            return agent;
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            var tail = agent.OutputTail;
            await agent.DisposeAsync();
            throw new InvalidOperationException($"{ex.Message}{Environment.NewLine}agent output:{Environment.NewLine}{tail}", ex);
        }
    }

    public string AgentId(AgentProcess agent) => _agentIds[agent];

    public AgentProcess? AgentById(string? id) => _agentIds.FirstOrDefault(p => p.Value == id).Key;

    /// <summary>SIGKILL to the server, then the same server on the same data folder, address and key.</summary>
    public async Task RestartServerAsync()
    {
        await Server.KillAsync();
        await Server.DisposeAsync();
        Server = await ServerProcess.StartAsync(_options);
        Client.Dispose();
        Client = new ExperimentHubClient(Server.BaseUri, Server.AdminApiKey);
    }

    public async Task<string> CreateProjectAsync(string prefix)
    {
        var key = $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 9, 60)];
        await Client.CreateProjectAsync(key, prefix);
        return key;
    }

    /// <summary>Polls the sweep until <paramref name="condition"/> holds; the failure message carries the processes' output.</summary>
    public async Task<SweepDto> WaitForSweepAsync(long sweepId, Func<SweepDto, bool> condition, TimeSpan timeout, string what)
    {
        try
        {
            return await Eventually.ValueAsync(async () =>
            {
                var sweep = await Client.GetSweepAsync(sweepId);
                return condition(sweep) ? sweep : null;
            }, what, timeout);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}{Environment.NewLine}{await DescribeAsync(sweepId)}", ex);
        }
    }

    /// <summary>The sweep, its trials, and the tails of the server's and agents' output, for failure messages.</summary>
    public async Task<string> DescribeAsync(long sweepId)
    {
        var text = new System.Text.StringBuilder();
        try
        {
            var sweep = await Client.GetSweepAsync(sweepId);
            text.AppendLine(CultureInfo.InvariantCulture, $"sweep {sweep.Id}: {sweep.Status} ({sweep.StatusReason}) completed={sweep.TrialsCompleted} failed={sweep.TrialsFailed} running={sweep.TrialsRunning} pending={sweep.TrialsPending}");
            foreach (var t in await Client.GetTrialsAsync(sweepId))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  trial {t.TrialNumber} run {t.RunId}: {t.Status} attempt={t.Attempt} agent={t.AgentId} exit={t.ExitCode} error={t.Error}");
            }
        }
#pragma warning disable CA1031 // Only for a failure message: say why the state could not be read.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"(sweep {sweepId} unreadable: {ex.Message})");
        }
        text.AppendLine("server output:").AppendLine(Server.OutputTail);
        foreach (var (agent, id) in _agentIds)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"agent {id} (pid {agent.ProcessId}, exited: {agent.HasExited}) output:").AppendLine(agent.OutputTail);
        }
        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var agent in _agentIds.Keys)
        {
            await agent.DisposeAsync();
        }
        await Server.DisposeAsync();
        Client.Dispose();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temp folder is cleaned by the OS later.
        }
    }
}
