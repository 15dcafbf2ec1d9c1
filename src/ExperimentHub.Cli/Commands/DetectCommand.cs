using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ExperimentHub.Agent.Gpus;
using ExperimentHub.Agent.Machines;

namespace ExperimentHub.Cli.Commands;

/// <summary><c>ehub detect</c>: what an agent on this machine would register (CPU, memory, GPUs, default slots).</summary>
internal static class DetectCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(SweepTerminal terminal)
    {
        var json = new Option<bool>("--json") { Description = "Write JSON instead of text" };
        var gpusOnly = new Option<bool>("--gpus") { Description = "Only the GPUs: one line each (index, uuid, name, memory MiB), or a JSON array" };
        var nvidiaSmi = new Option<string>("--nvidia-smi") { Description = "The nvidia-smi program to ask for GPUs", DefaultValueFactory = _ => "nvidia-smi" };
        var command = new Command("detect", "Show this machine's CPUs, memory and GPUs as an agent sees them");
        command.Options.Add(json);
        command.Options.Add(gpusOnly);
        command.Options.Add(nvidiaSmi);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var machine = MachineInfo.Detect();
            var detection = await NvidiaSmi.DetectAsync(parse.GetValue(nvidiaSmi)!, cancellationToken);
            var slots = MachineInfo.DefaultSlots(detection.Gpus.Count, machine.CpuCount);
            if (detection.Problem is not null)
            {
                terminal.ErrorLine("warning: " + detection.Problem);
            }
            if (parse.GetValue(gpusOnly))
            {
                if (parse.GetValue(json))
                {
                    terminal.Line(JsonSerializer.Serialize(detection.Gpus, Json));
                }
                foreach (var gpu in parse.GetValue(json) ? [] : detection.Gpus)
                {
                    terminal.Line(string.Create(CultureInfo.InvariantCulture, $"{gpu.Index}\t{gpu.Uuid}\t{gpu.Name}\t{gpu.MemoryMiB}"));
                }
                return SweepExitCodes.Ok;
            }
            if (parse.GetValue(json))
            {
                terminal.Line(JsonSerializer.Serialize(
                    new
                    {
                        machine.Host,
                        machine.Os,
                        machine.CpuModel,
                        machine.CpuCount,
                        machine.MemoryBytes,
                        Gpus = detection.Gpus,
                        GpuProblem = detection.Problem,
                        DefaultSlots = slots,
                    },
                    Json));
                return SweepExitCodes.Ok;
            }
            terminal.Line($"host     {machine.Host}");
            terminal.Line($"os       {machine.Os}");
            terminal.Line(string.Create(CultureInfo.InvariantCulture, $"cpu      {machine.CpuModel} ({machine.CpuCount} logical CPUs)"));
            terminal.Line(string.Create(CultureInfo.InvariantCulture, $"memory   {machine.MemoryBytes / (1024.0 * 1024 * 1024):F1} GiB"));
            terminal.Line(string.Create(CultureInfo.InvariantCulture, $"gpus     {(detection.Gpus.Count == 0 ? "none" : detection.Gpus.Count)}"));
            foreach (var gpu in detection.Gpus)
            {
                terminal.Line(string.Create(CultureInfo.InvariantCulture, $"  [{gpu.Index}] {gpu.Name}, {gpu.MemoryMiB} MiB, {gpu.Uuid}"));
            }
            terminal.Line(string.Create(CultureInfo.InvariantCulture, $"slots    {slots} (the default for ehub agent)"));
            return SweepExitCodes.Ok;
        });
        return command;
    }
}
