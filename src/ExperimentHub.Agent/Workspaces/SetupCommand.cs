using ExperimentHub.Agent.Trials;
using ExperimentHub.Contracts.Agents;

namespace ExperimentHub.Agent.Workspaces;

/// <summary>
/// Runs one step of making the code ready (a git call, the install) the way trials run: an argument list, no shell,
/// its own process group, stopped on cancellation. Every output line goes to the workspace's log file and to the
/// trial that asked, so the run page shows the install as it happens.
/// </summary>
internal sealed class SetupCommand(string logFile, ITrialOutputObserver? forward, long runId) : ITrialOutputObserver
{
    private readonly Lock _lock = new();

    /// <summary>Runs the command; returns its result (the tail holds its last lines).</summary>
    /// <exception cref="WorkspaceException">The program cannot start.</exception>
    public async Task<TrialResult> RunAsync(IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        OnOutput(runId, "$ " + string.Join(' ', arguments.Select(Quote)));
        TrialProcess process;
        try
        {
            process = TrialProcess.Start(new TrialProcessStartInfo
            {
                RunId = runId,
                Arguments = arguments,
                WorkingDirectory = workingDirectory,
                Environment = new Dictionary<string, string?>(StringComparer.Ordinal)
                {
                    // Never wait for a password nobody will type; never hand the agent's key to the code.
                    ["GIT_TERMINAL_PROMPT"] = "0",
                    ["EXPERIMENTHUB_API_KEY"] = null,
                },
                StopGracePeriod = TimeSpan.FromSeconds(5),
            }, this);
        }
        catch (TrialSetupException e)
        {
            OnOutput(runId, e.Message);
            throw new WorkspaceException(e.Message, e.Message);
        }
        await using (process)
        {
            await using var stop = cancellationToken.Register(() => process.Stop("the agent is shutting down"));
            var result = await process.Completion;
            cancellationToken.ThrowIfCancellationRequested();
            return result;
        }
    }

    public void OnOutput(long runId, string line)
    {
        lock (_lock)
        {
            File.AppendAllText(logFile, line + "\n");
        }
        forward?.OnOutput(runId, "[setup] " + line);
    }

    public void OnMetrics(long runId, IReadOnlyList<MetricReportPoint> points)
    {
        // Metric lines printed while installing are not a trial's metrics.
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./=:@+,".Contains(c, StringComparison.Ordinal))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
