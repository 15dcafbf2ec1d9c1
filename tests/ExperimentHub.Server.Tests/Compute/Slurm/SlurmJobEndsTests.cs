using ExperimentHub.Server.Compute.Slurm;

namespace ExperimentHub.Server.Tests.Compute.Slurm;

public sealed class SlurmJobEndsTests
{
    [Fact]
    public void Each_final_state_is_told_in_words_and_steps_running_jobs_and_others_are_skipped()
    {
        const string output = """
            11|COMPLETED|0:0
            11.batch|COMPLETED|0:0
            12|FAILED|3:0
            13|CANCELLED by 0|0:15
            14|TIMEOUT|0:0
            15|NODE_FAIL|0:0
            16|RUNNING|0:0
            99|FAILED|1:0
            """;
        var ends = SlurmJobEnds.Parse(output, ["11", "12", "13", "14", "15", "16", "17"]);

        Assert.Equal("completed: the Slurm job completed (its agent exited) (sacct)", ends["11"]);
        Assert.Equal("failed: the Slurm job failed (exit code 3:0) (sacct)", ends["12"]);
        Assert.StartsWith("cancelled: ", ends["13"], StringComparison.Ordinal);
        Assert.Equal("timeout: the Slurm job reached its time limit (sacct)", ends["14"]);
        Assert.Equal("node_fail: the Slurm job's node failed (sacct)", ends["15"]);
        Assert.Equal(["11", "12", "13", "14", "15"], ends.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_requeued_job_is_told_by_its_last_line()
    {
        var ends = SlurmJobEnds.Parse("21|NODE_FAIL|0:0\n21|COMPLETED|0:0\n", ["21"]);
        Assert.StartsWith("completed:", ends["21"], StringComparison.Ordinal);
    }
}
