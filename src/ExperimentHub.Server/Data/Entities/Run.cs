namespace ExperimentHub.Server.Data.Entities;

/// <summary>A run: one training process, tracked on its own or as a trial of a sweep.</summary>
public sealed class Run
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public Project? Project { get; set; }
    public long? SweepId { get; set; }
    public Sweep? Sweep { get; set; }
    /// <summary>1, 2, 3... within its sweep; null outside a sweep.</summary>
    public int? TrialNumber { get; set; }
    public string? Name { get; set; }
    public RunStatus Status { get; set; }
    /// <summary>The parameters as one JSON object.</summary>
    public string ParamsJson { get; set; } = "{}";
    /// <summary>The summary given at finish as one JSON object of numbers (NaN as "NaN").</summary>
    public string SummaryJson { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>How many times the trial was started (retries and requeues count).</summary>
    public int Attempt { get; set; }
    public string? LeaseAgentId { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public int? ExitCode { get; set; }
    /// <summary>The last lines of the process output, bounded by <see cref="MaxLogTailChars"/>.</summary>
    public string? LogTail { get; set; }
    public string? Error { get; set; }
    /// <summary>Comma-separated GPU indices assigned to the trial (CUDA_VISIBLE_DEVICES).</summary>
    public string? GpuIndices { get; set; }
    /// <summary>GPUs the trial needs on its agent (from the sweep's <c>trial.gpus</c>).</summary>
    public int Gpus { get; set; }
    /// <summary>Attempts that ended in a script failure; retries are spent on these, not on lost agents.</summary>
    public int Failures { get; set; }
    /// <summary>The code version the run ran: the git commit of its working folder, when that is a repository.</summary>
    public string? CodeVersion { get; set; }
    /// <summary>The data set the run trained on (free text: from the client or the sweep's spec).</summary>
    public string? Dataset { get; set; }
    /// <summary>For a trial of a meta-learned initial design: the earlier sweep whose configuration it took.</summary>
    public long? WarmStartSweepId { get; set; }
    /// <summary>For a trial of a meta-learned initial design: the earlier run whose configuration it took.</summary>
    public long? WarmStartRunId { get; set; }

    public const int MaxCodeVersionChars = 200;
    public const int MaxDatasetChars = 500;

    public const int MaxLogTailChars = 64 * 1024;

    public static bool IsFinished(RunStatus status) =>
        status is RunStatus.Completed or RunStatus.Failed or RunStatus.Pruned or RunStatus.Stopped or RunStatus.TimedOut;
}
