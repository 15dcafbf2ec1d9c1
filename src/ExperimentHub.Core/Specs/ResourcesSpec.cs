namespace ExperimentHub.Core.Specs;

/// <summary>
/// The spec's <c>resources</c>: the compute a sweep starts for itself. With <see cref="ComputeBackend.Agents"/> the
/// other members are unused; with ec2 or slurm, <see cref="Instances"/> agents (instances or jobs) at most run at once.
/// </summary>
public sealed record ResourcesSpec
{
    public static ResourcesSpec Default { get; } = new();

    public ComputeBackend Backend { get; init; } = ComputeBackend.Agents;

    /// <summary>Most instances (or Slurm jobs) alive at once.</summary>
    public int Instances { get; init; } = 1;

    /// <summary>The EC2 instance type, such as <c>g5.xlarge</c>; null for the server's configured default.</summary>
    public string? InstanceType { get; init; }

    /// <summary>EC2 spot rather than on demand.</summary>
    public bool Spot { get; init; }

    /// <summary>The most to pay per instance hour on spot, in dollars; null for up to the on-demand price.</summary>
    public double? MaxPrice { get; init; }

    /// <summary>Trials each agent runs at once.</summary>
    public int SlotsPerInstance { get; init; } = 1;

    /// <summary>The Slurm partition; null for the cluster's default.</summary>
    public string? Partition { get; init; }

    /// <summary>The Slurm job's time limit in minutes; null for the partition's.</summary>
    public int? TimeLimitMinutes { get; init; }

    /// <summary>GPUs each Slurm job asks for (as <c>--gres=gpu:N</c>).</summary>
    public int Gpus { get; init; }
}
