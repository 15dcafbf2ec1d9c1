using System.Globalization;
using ExperimentHub.Contracts.Agents;

namespace ExperimentHub.Agent.Trials;

/// <summary>
/// Turns a <see cref="TrialAssignment"/> into a process to start: the trial's own folder under the agent's work
/// folder, the params file, the expanded command, and the environment of ARCHITECTURE.md.
/// </summary>
public static class TrialPreparation
{
    public const string ParamsFileName = "params.json";

    /// <param name="assignment">The leased trial.</param>
    /// <param name="agentWorkdir">The agent's work folder: relative trial workdirs start here.</param>
    /// <param name="trialsRoot">Each trial gets its own folder under this one (params file, default workdir).</param>
    /// <param name="gpuIndices">The GPUs this trial was given.</param>
    /// <param name="agentHasGpus">Whether the agent manages GPUs at all: then CUDA_VISIBLE_DEVICES is always set, empty for none.</param>
    /// <param name="stopGracePeriod">SIGTERM to SIGKILL.</param>
    /// <exception cref="TrialSetupException">The command or the folder is wrong.</exception>
    public static TrialProcessStartInfo Prepare(
        TrialAssignment assignment,
        string agentWorkdir,
        string trialsRoot,
        IReadOnlyList<int> gpuIndices,
        bool agentHasGpus,
        TimeSpan stopGracePeriod)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(gpuIndices);
        var arguments = CommandTemplate.Expand(assignment.Command, assignment.Params);
        var root = Path.GetFullPath(agentWorkdir);
        var trialDir = Path.Combine(Path.GetFullPath(trialsRoot), string.Create(CultureInfo.InvariantCulture, $"run-{assignment.RunId}-attempt-{assignment.Attempt}"));
        Directory.CreateDirectory(trialDir);
        var parametersJson = CommandTemplate.ToJson(assignment.Params);
        var paramsFile = Path.Combine(trialDir, ParamsFileName);
        File.WriteAllText(paramsFile, parametersJson);

        var workdir = string.IsNullOrWhiteSpace(assignment.Workdir) ? trialDir : Path.GetFullPath(assignment.Workdir, root);
        if (!Directory.Exists(workdir))
        {
            throw new TrialSetupException($"The trial's workdir '{assignment.Workdir}' does not exist on this agent (looked for {workdir}).");
        }

        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["EXPERIMENTHUB_API_URL"] = assignment.ApiUrl,
            ["EXPERIMENTHUB_RUN_ID"] = assignment.RunId.ToString(CultureInfo.InvariantCulture),
            ["EXPERIMENTHUB_TOKEN"] = assignment.Token,
            ["EXPERIMENTHUB_PARAMS"] = parametersJson,
            ["EXPERIMENTHUB_PARAMS_FILE"] = paramsFile,
            ["EXPERIMENTHUB_TRIAL_DIR"] = trialDir,
            // The agent's own key may do anything; a trial gets only its run's token.
            ["EXPERIMENTHUB_API_KEY"] = null,
        };
        // Python buffers a piped stdout in blocks, which would hold metric lines back until exit.
        if (Environment.GetEnvironmentVariable("PYTHONUNBUFFERED") is null)
        {
            environment["PYTHONUNBUFFERED"] = "1";
        }
        if (agentHasGpus)
        {
            // Number GPUs as nvidia-smi does, not fastest-first as CUDA does by default.
            environment["CUDA_DEVICE_ORDER"] = "PCI_BUS_ID";
            environment["CUDA_VISIBLE_DEVICES"] = string.Join(',', gpuIndices.Select(i => i.ToString(CultureInfo.InvariantCulture)));
        }
        return new TrialProcessStartInfo
        {
            RunId = assignment.RunId,
            Arguments = arguments,
            WorkingDirectory = workdir,
            Environment = environment,
            Timeout = assignment.TimeoutSeconds > 0 ? TimeSpan.FromSeconds(assignment.TimeoutSeconds) : null,
            StopGracePeriod = stopGracePeriod,
        };
    }
}
