using System.Text.Json;

namespace ExperimentHub.Contracts.Agents;

/// <summary>
/// One trial leased to an agent. <paramref name="Command"/> is an argument list (no shell) in which
/// <c>${name}</c> and <c>${args}</c> are still to be replaced; <paramref name="Params"/> holds the active
/// parameters only (inactive conditional ones are absent). <paramref name="Token"/> may write to this run only.
/// <paramref name="Workdir"/> is relative to the agent's work folder, or absolute, or null for the trial's own folder.
/// <paramref name="TimeoutSeconds"/> of 0 or less means no timeout. With <paramref name="Code"/> the agent fetches and
/// installs the sweep's repository first and runs the trial in its folder (then <paramref name="Workdir"/> is null);
/// with <paramref name="Artifacts"/> it stores the trial's model folder as the run's artifacts when the trial ends.
/// </summary>
public sealed record TrialAssignment(
    long RunId,
    long SweepId,
    int TrialNumber,
    int Attempt,
    IReadOnlyList<string> Command,
    string? Workdir,
    IReadOnlyDictionary<string, JsonElement> Params,
    string Token,
    string ApiUrl,
    int GpuCount,
    int TimeoutSeconds,
    TrialCode? Code = null,
    TrialArtifacts? Artifacts = null);
