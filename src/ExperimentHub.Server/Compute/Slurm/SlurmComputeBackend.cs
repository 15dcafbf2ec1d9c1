using System.Globalization;
using ExperimentHub.Core.Specs;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Compute.Slurm;

/// <summary>
/// Slurm through its client programs: one batch job per agent (<c>sbatch</c>, the script on standard input so that
/// the key never lands in a file here), named after the agent (<c>{pool}-sweep-{id}-…</c>, which is how
/// <c>squeue</c> finds this pool's jobs), with the sweep's partition, time limit and GPUs (as GRES); cancelled with
/// <c>scancel</c>; how a job that left squeue ended is read with <c>sacct</c>. A job's price per hour is
/// <see cref="SlurmOptions.NodeHourPrice"/> plus <see cref="SlurmOptions.GpuHourPrice"/> per GPU (null when neither is set).
/// </summary>
public sealed class SlurmComputeBackend(
    IOptions<SlurmOptions> slurmOptions, IOptions<ComputeOptions> computeOptions, ComputeServerUrl serverUrl, ILogger<SlurmComputeBackend> logger)
    : IComputeBackend
{
    private SlurmOptions Options => slurmOptions.Value;

    public ComputeBackend Kind => ComputeBackend.Slurm;

    public string? ConfigurationProblem => Options.Enabled
        ? serverUrl.Problem
        : $"the server does not submit to Slurm: set {SlurmOptions.Section}:Enabled to true (on a Slurm submit host)";

    public async Task<StartedCapacity> StartAsync(CapacityRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var resources = request.Resources;
        List<string> arguments = ["--parsable", "--job-name", request.AgentName, "--ntasks", "1"];
        if (resources.Partition is { } partition)
        {
            arguments.AddRange(["--partition", partition]);
        }
        if (resources.TimeLimitMinutes is { } minutes)
        {
            arguments.AddRange(["--time", minutes.ToString(CultureInfo.InvariantCulture)]);
        }
        if (resources.Gpus > 0)
        {
            arguments.AddRange(["--gres", "gpu:" + resources.Gpus.ToString(CultureInfo.InvariantCulture)]);
        }
        if (!string.IsNullOrWhiteSpace(Options.OutputDir))
        {
            arguments.AddRange(["--output", Path.Combine(Options.OutputDir, "%x-%j.out")]);
        }
        var script = AgentLaunchScript.Build(Options.AgentSetup, computeOptions.Value.AgentCommand, serverUrl.Url!, request, interruptionUrl: null);
        var output = await SlurmCommand.RunAsync(Options, Options.Sbatch, arguments, script, cancellationToken);
        // --parsable prints "jobid" or "jobid;cluster".
        var jobId = output.Trim().Split(';')[0];
        if (jobId.Length == 0 || !jobId.All(char.IsAsciiDigit))
        {
            throw new CapacityException($"sbatch answered '{output.Trim()}', not a job id", null, retryable: true);
        }
        logger.LogInformation("Submitted Slurm job {JobId} ({Name}) for sweep {SweepId}", jobId, request.AgentName, request.SweepId);
        return new StartedCapacity(jobId, resources.Partition is { } p ? "partition " + p : "slurm job", HourlyPrice(resources));
    }

    public async Task<IReadOnlyList<ObservedCapacity>> ObserveAsync(CancellationToken cancellationToken)
    {
        var output = await SlurmCommand.RunAsync(Options, Options.Squeue, ["--noheader", "--format=%i|%j|%T"], null, cancellationToken);
        var found = new List<ObservedCapacity>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split('|');
            if (fields.Length == 3 && ComputeTags.IsPoolJob(computeOptions.Value.PoolName, fields[1], out var sweepId))
            {
                found.Add(new ObservedCapacity(fields[0], sweepId, fields[2]));
            }
        }
        return found;
    }

    public async Task<IReadOnlyDictionary<string, string>> DescribeEndsAsync(IReadOnlyCollection<string> externalIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(externalIds);
        if (externalIds.Count == 0)
        {
            return new Dictionary<string, string>();
        }
        List<string> arguments = [Options.FromJobCompletionLog ? "--completion" : "--allocations", "--noheader", "--parsable2", SlurmJobEnds.Format,
            "--jobs", string.Join(',', externalIds)];
        var output = await SlurmCommand.RunAsync(Options, Options.Sacct, arguments, null, cancellationToken);
        return SlurmJobEnds.Parse(output, externalIds);
    }

    private double? HourlyPrice(ResourcesSpec resources) => Options.NodeHourPrice is null && Options.GpuHourPrice is null
        ? null
        : (Options.NodeHourPrice ?? 0) + (resources.Gpus * (Options.GpuHourPrice ?? 0));

    public async Task StopAsync(IReadOnlyCollection<string> externalIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(externalIds);
        if (externalIds.Count > 0)
        {
            // scancel signals the job's steps with SIGTERM first (the agent reports its trials), then SIGKILL.
            await SlurmCommand.RunAsync(Options, Options.Scancel, externalIds, null, cancellationToken);
        }
    }
}
