using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using ExperimentHub.Contracts.Agents;

namespace ExperimentHub.Agent.Gpus;

/// <summary>GPU detection through <c>nvidia-smi</c>; a machine without it simply has no GPUs.</summary>
public static class NvidiaSmi
{
    public const string QueryArguments = "--query-gpu=index,uuid,name,memory.total --format=csv,noheader,nounits";

    /// <summary>Runs nvidia-smi (by default from the PATH) and parses its answer.</summary>
    public static async Task<GpuDetection> DetectAsync(string program = "nvidia-smi", CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in QueryArguments.Split(' '))
        {
            start.ArgumentList.Add(argument);
        }
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception)
        {
            return new GpuDetection([], null);
        }
        if (process is null)
        {
            return new GpuDetection([], null);
        }
        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            try
            {
                var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
                var error = process.StandardError.ReadToEndAsync(timeout.Token);
                await process.WaitForExitAsync(timeout.Token);
                if (process.ExitCode != 0)
                {
                    return new GpuDetection([], $"nvidia-smi exited with code {process.ExitCode}: {(await error).Trim()}");
                }
                return new GpuDetection(Parse(await output), null);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return new GpuDetection([], "nvidia-smi did not answer within 30 s.");
            }
            catch (FormatException e)
            {
                return new GpuDetection([], e.Message);
            }
        }
    }

    /// <summary>Parses lines like <c>0, GPU-5c1e..., NVIDIA H200, 143771</c>.</summary>
    /// <exception cref="FormatException">A line does not have the four expected fields.</exception>
    public static IReadOnlyList<GpuInfo> Parse(string csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var gpus = new List<GpuInfo>();
        foreach (var raw in csv.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var fields = line.Split(',', StringSplitOptions.TrimEntries);
            // The name is the only field that could hold a comma; index, uuid and memory are at the ends.
            if (fields.Length < 4)
            {
                throw new FormatException($"Unexpected nvidia-smi line '{line}': expected index, uuid, name, memory.total.");
            }
            if (!int.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var index))
            {
                throw new FormatException($"Unexpected nvidia-smi line '{line}': the index '{fields[0]}' is not a number.");
            }
            // Memory may read "[N/A]" on some devices (MIG, vGPU); it is then unknown (0).
            var memory = long.TryParse(fields[^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) ? m : 0;
            var name = string.Join(", ", fields[2..^1]);
            gpus.Add(new GpuInfo(index, fields[1], name, memory));
        }
        return gpus;
    }
}
