using ExperimentHub.Contracts.Api;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// Checks a sweep's command and working folder against the machines that would run it, before it is launched: on
/// this server's machine (its local agent, or an agent on the same host) the folder, the program and the script
/// must exist, or every trial fails to start; agents on other machines cannot be looked into, so the notes say
/// they must have them. Also compares the parallel trials asked for with the free slots now (<see cref="SweepCapacity"/>).
/// </summary>
public sealed class LaunchChecks(AgentDirectory agents, SweepCapacity capacity, IOptions<LocalAgentOptions> localAgent) : ILaunchChecks
{
    // A command argument with one of these endings is the script the program runs (python3 train.py, Rscript fit.R).
    private static readonly string[] ScriptExtensions = [".py", ".r", ".jl", ".sh", ".js", ".rb", ".pl", ".lua"];

    public async Task<IReadOnlyList<LaunchNote>> CheckAsync(IReadOnlyList<string> command, string? workdir, int parallel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var online = (await agents.ListAsync(cancellationToken)).Where(a => a.Status == "online").ToList();
        var notes = new List<LaunchNote>();
        if (command.Count > 0)
        {
            CheckFiles(command, workdir, online, notes);
        }
        if (await capacity.ShortfallAsync(parallel, gpusPerTrial: 0, sweepId: null, cancellationToken) is { } shortfall)
        {
            notes.Add(new LaunchNote("budget.parallel", false, shortfall));
        }
        return notes;
    }

    private void CheckFiles(IReadOnlyList<string> command, string? workdir, List<AgentDto> online, List<LaunchNote> notes)
    {
        var remote = online.Where(a => !IsThisMachine(a)).Select(a => a.Name).ToList();
        var here = localAgent.Value.Slots > 0 || online.Any(IsThisMachine);
        var elsewhere = remote.Count == 0 ? "" : $" Agents on other machines ({string.Join(", ", remote)}) must have it at the same path.";
        // Where nothing here could run it, a missing file is only a warning: the other machines may have it.
        void Note(string field, string message) => notes.Add(new LaunchNote(field, here && remote.Count == 0, message + elsewhere));

        string? folder = null;
        if (!string.IsNullOrWhiteSpace(workdir))
        {
            folder = Path.GetFullPath(workdir.Trim(), LocalAgentService.ResolveWorkdir(localAgent.Value));
            if (!Directory.Exists(folder))
            {
                Note("workdir", $"The working folder '{workdir.Trim()}' does not exist on this server (looked for {folder}).");
                return;
            }
            if (remote.Count > 0)
            {
                notes.Add(new LaunchNote("workdir", false, $"Agents on other machines ({string.Join(", ", remote)}) must have the working folder {folder} too."));
            }
        }

        if (!command[0].Contains("${", StringComparison.Ordinal) && FindProgram(command[0], folder) is null)
        {
            Note("command", command[0].Contains('/', StringComparison.Ordinal)
                ? $"The program '{command[0]}' does not exist on this server."
                : $"The program '{command[0]}' is not on this server's PATH.");
        }
        if (command.Skip(1).FirstOrDefault(IsScript) is not { } script || Path.IsPathRooted(script) && File.Exists(script))
        {
            return;
        }
        if (Path.IsPathRooted(script))
        {
            Note("command", $"The script {script} does not exist on this server.");
        }
        else if (folder is null)
        {
            Note("workdir", $"The command runs {script}, but no working folder is set: each trial would start in its own empty folder. Set the working folder to the folder that holds {script}.");
        }
        else if (!File.Exists(Path.Combine(folder, script)))
        {
            Note("command", $"{script} is not in the working folder {folder}.");
        }
    }

    private static bool IsThisMachine(AgentDto agent) => string.Equals(agent.Host, Environment.MachineName, StringComparison.OrdinalIgnoreCase);

    private static bool IsScript(string argument) =>
        !argument.StartsWith('-') && !argument.Contains("${", StringComparison.Ordinal)
        && ScriptExtensions.Any(e => argument.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>The program as the agent finds it: a path relative to the working folder, or a name on the PATH.</summary>
    private static string? FindProgram(string program, string? folder)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            var path = Path.GetFullPath(program, folder ?? Directory.GetCurrentDirectory());
            return File.Exists(path) ? path : null;
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, program))
            .FirstOrDefault(File.Exists);
    }
}
