using System.Runtime.InteropServices;

namespace ExperimentHub.Agent.Trials;

/// <summary>POSIX signals to whole process groups (a trial runs in its own session, so its group id is its pid).</summary>
internal static partial class ProcessSignals
{
    public const int SigTerm = 15;
    public const int SigKill = 9;

    /// <summary>The setsid program, which starts the trial in a new session and process group without a shell.</summary>
    public static string? SetsidPath { get; } = OperatingSystem.IsWindows()
        ? null
        : new[] { "/usr/bin/setsid", "/bin/setsid", "/usr/local/bin/setsid" }.FirstOrDefault(File.Exists);

    /// <summary>True when the signal was sent; false when the group no longer exists.</summary>
    public static bool SignalGroup(int processGroupId, int signal) => processGroupId > 0 && Kill(-processGroupId, signal) == 0;

    public static bool Signal(int processId, int signal) => processId > 0 && Kill(processId, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
