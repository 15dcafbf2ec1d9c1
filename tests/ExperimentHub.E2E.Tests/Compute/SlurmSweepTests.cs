using System.Globalization;
using ExperimentHub.Client;
using ExperimentHub.E2E.Tests.Infrastructure;
using ExperimentHub.E2E.Tests.Reliability;
using ExperimentHub.Server.Components.Services;
using ExperimentHub.Server.Compute;
using ExperimentHub.Server.Compute.Slurm;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Dispatch;
using ExperimentHub.Testing;
using ExperimentHub.Testing.Slurm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ExperimentHub.E2E.Tests.Compute;

/// <summary>
/// Slurm sweeps on a real single-node Slurm: agents submitted with sbatch, watched with squeue, cancelled with
/// scancel, and how a job that left the queue ended read with sacct.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class SlurmSweepTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(180);

    /// <summary>Dollars per node-hour: a dollar a second.</summary>
    private const double NodeHourPrice = 3600;

    [Fact]
    public async Task Slurm_sweep_completes_on_agents_submitted_as_batch_jobs_and_leaves_no_job_behind()
    {
        await using var slurm = await SlurmCluster.StartAsync();
        var (server, pool) = await StartServerAsync(slurm);
        await using var _ = server;
        using var client = new ExperimentHubClient(server.Address, server.AdminKey);
        await client.CreateProjectAsync("hpc", "HPC");
        var spec = SweepSpecs.Synthetic("slurm-sweep", trials: 4, parallel: 2, epochs: 3, secondsPerEpoch: 0.1,
            extra: $"resources: {{backend: slurm, instances: 2, partition: {SlurmCluster.Partition}, time_limit: 10}}");
        var sweep = await client.SubmitSweepAsync("hpc", spec);

        var done = await Eventually.GetAsync(() => client.GetSweepAsync(sweep.Id), s => s.IsFinished, "the slurm sweep to finish", Long);
        Assert.True(done.Status == "completed", $"{done.Status}: {done.StatusReason} {done.ComputeProblem}\n{Describe(slurm)}");
        Assert.Equal(4, done.TrialsCompleted);

        // Every job was cancelled once the work was done: squeue lists none of this pool's.
        await Eventually.GetAsync(() => slurm.RunAsync("/usr/bin/squeue", "--noheader", "--format=%j"), q => !q.Contains(pool, StringComparison.Ordinal),
            "no job of the pool left in squeue", Long);
        var store = server.Services.GetRequiredService<ComputeInstanceStore>();
        var rows = await store.ListForSweepAsync(sweep.Id, CancellationToken.None);
        Assert.InRange(rows.Count, 1, 4);
        await Eventually.TrueAsync(async () => (await store.ListForSweepAsync(sweep.Id, CancellationToken.None)).All(r => r.State == ComputeInstanceState.Terminated),
            "every job row to end", Long);
        var agents = rows.Select(r => r.AgentId).ToHashSet();
        Assert.All(await client.GetTrialsAsync(sweep.Id), t => Assert.Contains(t.AgentId, agents));
        Assert.All(rows, r => Assert.Equal(ExperimentHub.Core.Specs.ComputeBackend.Slurm, r.Backend));

        // Each job is priced per node-hour from when its agent registered; the sweep's cost is theirs.
        rows = await store.ListForSweepAsync(sweep.Id, CancellationToken.None);
        Assert.All(rows, r => Assert.Equal(NodeHourPrice, r.HourlyPrice));
        var now = DateTimeOffset.UtcNow;
        Assert.All(rows.Where(r => r.RegisteredAt is not null), r => Assert.True(r.CostAt(now) > 0, $"job {r.ExternalId} cost {r.CostAt(now)}"));
        var compute = await server.Services.GetRequiredService<ComputeQueries>().GetSweepComputeAsync(sweep.Id, CancellationToken.None);
        Assert.Equal(rows.Sum(r => r.CostAt(now) ?? 0), compute!.CostDollars!.Value, 6);
    }

    [Fact]
    public async Task A_job_cancelled_outside_ExperimentHub_shows_as_cancelled_and_is_replaced_and_the_sweep_completes()
    {
        await using var slurm = await SlurmCluster.StartAsync();
        var (server, pool) = await StartServerAsync(slurm);
        await using var _ = server;
        using var client = new ExperimentHubClient(server.Address, server.AdminKey);
        await client.CreateProjectAsync("hpc", "HPC");
        var spec = SweepSpecs.Synthetic("slurm-cancel", trials: 2, parallel: 1, epochs: 20, secondsPerEpoch: 0.2,
            extra: $"resources: {{backend: slurm, instances: 1, partition: {SlurmCluster.Partition}, time_limit: 10}}");
        var sweep = await client.SubmitSweepAsync("hpc", spec);
        var store = server.Services.GetRequiredService<ComputeInstanceStore>();

        var first = await Eventually.GetAsync(async () => (await store.ListForSweepAsync(sweep.Id, CancellationToken.None)).FirstOrDefault(),
            r => r is { State: ComputeInstanceState.Running }, "the first job's agent to register", Long);
        await slurm.RunAsync("/usr/bin/scancel", first!.ExternalId);

        var ended = await Eventually.GetAsync(async () => (await store.ListForSweepAsync(sweep.Id, CancellationToken.None)).Single(r => r.Id == first.Id),
            r => r.State == ComputeInstanceState.Terminated, "the cancelled job's row to end", Long);
        Assert.StartsWith("cancelled: ", ended.StateReason, StringComparison.Ordinal);
        var done = await Eventually.GetAsync(() => client.GetSweepAsync(sweep.Id), s => s.IsFinished, "the slurm sweep to finish on a new job", Long);
        Assert.True(done.Status == "completed", $"{done.Status}: {done.StatusReason} {done.ComputeProblem}\n{Describe(slurm)}");
        Assert.True((await store.ListForSweepAsync(sweep.Id, CancellationToken.None)).Count >= 2, "a second job replaced the cancelled one");
        // The sweep page shows how the job ended, as the Agents page does (its row's reason).
        var shown = await server.Services.GetRequiredService<ComputeQueries>().GetSweepComputeAsync(sweep.Id, CancellationToken.None);
        Assert.Contains(shown!.Ended, e => e.ExternalId == first.ExternalId && e.Reason == ended.StateReason);
        await Eventually.GetAsync(() => slurm.RunAsync("/usr/bin/squeue", "--noheader", "--format=%j"), q => !q.Contains(pool, StringComparison.Ordinal),
            "no job of the pool left in squeue", Long);
    }

    [Fact]
    public async Task Sacct_tells_how_each_job_ended_completed_failed_cancelled_or_timed_out()
    {
        await using var slurm = await SlurmCluster.StartAsync();
        var backend = new SlurmComputeBackend(
            Options.Create(new SlurmOptions { Enabled = true, ConfFile = slurm.ConfFile, OutputDir = slurm.OutputDir, FromJobCompletionLog = true }),
            Options.Create(new ComputeOptions()),
            new ComputeServerUrl(Options.Create(new ComputeOptions { ServerUrl = "http://127.0.0.1:1" }), Options.Create(new DispatchOptions())),
            NullLogger<SlurmComputeBackend>.Instance);
        var completed = await slurm.SubmitAsync("ends-completed", "true");
        var failed = await slurm.SubmitAsync("ends-failed", "exit 3");
        var cancelled = await slurm.SubmitAsync("ends-cancelled", "sleep 300");
        // A one-second limit; slurmctld checks limits on its own timer (about half a minute).
        var timedOut = await slurm.SubmitAsync("ends-timeout", "sleep 300", "--time=0:01");
        await Eventually.GetAsync(() => slurm.RunAsync("/usr/bin/squeue", "--noheader", "--format=%i"), q => q.Contains(cancelled, StringComparison.Ordinal),
            "the job to cancel to be queued", Long);
        await slurm.RunAsync("/usr/bin/scancel", cancelled);

        string[] ids = [completed, failed, cancelled, timedOut];
        var ends = await Eventually.GetAsync(() => backend.DescribeEndsAsync(ids, CancellationToken.None), e => e.Count == 4,
            "sacct to know how all four jobs ended\n" + slurm.Logs, Long);
        Assert.StartsWith("completed: ", ends[completed], StringComparison.Ordinal);
        Assert.Equal("failed: the Slurm job failed (exit code 3:0) (sacct)", ends[failed]);
        Assert.StartsWith("cancelled: ", ends[cancelled], StringComparison.Ordinal);
        Assert.Equal("timeout: the Slurm job reached its time limit (sacct)", ends[timedOut]);
    }

    private static async Task<(ExperimentHubServer Server, string Pool)> StartServerAsync(SlurmCluster slurm)
    {
        var port = ExperimentHub.Testing.FreePort.Next();
        var cli = CliPaths.Executable;
        var pool = "e2e-slurm-" + port.ToString(CultureInfo.InvariantCulture);
        var server = await ExperimentHubServer.StartAsync(o =>
        {
            o.Port = port;
            o.Settings["ExperimentHub:Slurm:Enabled"] = "true";
            o.Settings["ExperimentHub:Slurm:ConfFile"] = slurm.ConfFile;
            o.Settings["ExperimentHub:Slurm:OutputDir"] = slurm.OutputDir;
            o.Settings["ExperimentHub:Slurm:FromJobCompletionLog"] = "true";
            o.Settings["ExperimentHub:Slurm:NodeHourPrice"] = NodeHourPrice.ToString(CultureInfo.InvariantCulture);
            o.Settings["ExperimentHub:Compute:ServerUrl"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
            o.Settings["ExperimentHub:Compute:AgentCommand"] = cli.EndsWith(".dll", StringComparison.Ordinal)
                ? "dotnet " + AgentLaunchScript.Quote(cli)
                : AgentLaunchScript.Quote(cli);
            o.Settings["ExperimentHub:Compute:PoolName"] = pool;
            o.Settings["ExperimentHub:Compute:IntervalSeconds"] = "0.5";
            o.Settings["ExperimentHub:Dispatch:HeartbeatSeconds"] = "2";
        });
        return (server, pool);
    }

    private static string Describe(SlurmCluster slurm) =>
        slurm.Logs + "\n" + string.Join("\n", Directory.GetFiles(slurm.OutputDir).Select(f => $"== {f}\n{File.ReadAllText(f)}"));
}
