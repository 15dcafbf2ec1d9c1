using System.Globalization;
using System.Runtime.InteropServices;

namespace ExperimentHub.Agent.Machines;

/// <summary>What this machine offers: host name, CPU, memory (read from /proc where present).</summary>
public sealed record MachineInfo(string Host, string Os, string CpuModel, int CpuCount, long MemoryBytes)
{
    public static MachineInfo Detect() => new(
        Environment.MachineName,
        RuntimeInformation.OSDescription,
        ReadCpuModel() ?? RuntimeInformation.ProcessArchitecture.ToString(),
        Environment.ProcessorCount,
        ReadMemTotal() ?? GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    /// <summary>The default number of trials at once: one per GPU, else half the CPUs (training scripts use several threads each).</summary>
    public static int DefaultSlots(int gpuCount, int cpuCount) => gpuCount > 0 ? gpuCount : Math.Max(1, cpuCount / 2);

    private static string? ReadCpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo))
        {
            return null;
        }
        var line = File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static long? ReadMemTotal()
    {
        const string meminfo = "/proc/meminfo";
        if (!File.Exists(meminfo))
        {
            return null;
        }
        // "MemTotal:       131891164 kB"
        var line = File.ReadLines(meminfo).FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts is { Length: >= 2 } && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb) ? kb * 1024 : null;
    }
}
