namespace ExperimentHub.Server.Compute.Slurm;

/// <summary>
/// Reads <c>sacct --parsable2 --format=JobID,State,ExitCode</c> lines into a final state in words for each job asked
/// about: <c>timeout: the Slurm job reached its time limit (sacct)</c>. Job steps (<c>4711.batch</c>) and jobs not
/// asked about are skipped; a job still pending or running (sacct knows it before it leaves squeue) says nothing.
/// </summary>
internal static class SlurmJobEnds
{
    public const string Format = "--format=JobID,State,ExitCode";

    public static Dictionary<string, string> Parse(string output, IReadOnlyCollection<string> jobIds)
    {
        ArgumentNullException.ThrowIfNull(output);
        var wanted = jobIds.ToHashSet(StringComparer.Ordinal);
        var ends = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split('|');
            if (fields.Length < 3 || !wanted.Contains(fields[0]) || Describe(fields[1], fields[2]) is not { } words)
            {
                continue;
            }
            // A requeued job appears once per run: the last line is its latest end.
            ends[fields[0]] = words;
        }
        return ends;
    }

    /// <summary>The state (<c>CANCELLED by 0</c>, <c>TIMEOUT</c>, ...) and exit code (<c>3:0</c>) in words; null while the job has not ended.</summary>
    public static string? Describe(string state, string exitCode)
    {
        var word = state.Split(' ', 2)[0].TrimEnd('+').ToUpperInvariant();
        var said = word switch
        {
            "PENDING" or "RUNNING" or "REQUEUED" or "RESIZING" or "SUSPENDED" or "" => null,
            "COMPLETED" => "the Slurm job completed (its agent exited)",
            "FAILED" => $"the Slurm job failed (exit code {exitCode})",
            "CANCELLED" => "the Slurm job was cancelled (scancel, or by an administrator)",
            "TIMEOUT" => "the Slurm job reached its time limit",
            "NODE_FAIL" => "the Slurm job's node failed",
            "PREEMPTED" => "the Slurm job was preempted",
            "OUT_OF_MEMORY" => "the Slurm job ran out of memory",
            "BOOT_FAIL" => "the Slurm job's node failed to boot",
            "DEADLINE" => "the Slurm job reached its deadline",
            _ => $"the Slurm job ended {word}",
        };
        return said is null ? null : $"{word.ToLowerInvariant()}: {said} (sacct)";
    }
}
