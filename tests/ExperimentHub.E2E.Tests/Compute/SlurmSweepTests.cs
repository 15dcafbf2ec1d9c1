using System.Globalization;
using ExperimentHub.Client;
using ExperimentHub.E2E.Tests.Infrastructure;
using ExperimentHub.E2E.Tests.Reliability;
using ExperimentHub.Server.Compute;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Testing;
using ExperimentHub.Testing.Slurm;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.E2E.Tests.Compute;

/// <summary>A slurm sweep on a real single-node Slurm: agents submitted with sbatch, watched with squeue, cancelled with scancel.</summary>
[Collection(ReliabilityCollection.Name)]
public sealed class SlurmSweepTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task Slurm_sweep_completes_on_agents_submitted_as_batch_jobs_and_leaves_no_job_behind()
    {
        await using var slurm = await SlurmCluster.StartAsync();
        var port = ExperimentHub.Testing.FreePort.Next();
        var cli = CliPaths.Executable;
        var pool = "e2e-slurm-" + port.ToString(CultureInfo.InvariantCulture);
        await using var server = await ExperimentHubServer.StartAsync(o =>
        {
            o.Port = port;
            o.Settings["ExperimentHub:Slurm:Enabled"] = "true";
            o.Settings["ExperimentHub:Slurm:ConfFile"] = slurm.ConfFile;
            o.Settings["ExperimentHub:Slurm:OutputDir"] = slurm.OutputDir;
            o.Settings["ExperimentHub:Compute:ServerUrl"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
            o.Settings["ExperimentHub:Compute:AgentCommand"] = cli.EndsWith(".dll", StringComparison.Ordinal)
                ? "dotnet " + AgentLaunchScript.Quote(cli)
                : AgentLaunchScript.Quote(cli);
            o.Settings["ExperimentHub:Compute:PoolName"] = pool;
            o.Settings["ExperimentHub:Compute:IntervalSeconds"] = "0.5";
            o.Settings["ExperimentHub:Dispatch:HeartbeatSeconds"] = "2";
        });
        using var client = new ExperimentHubClient(server.Address, server.AdminKey);
        await client.CreateProjectAsync("hpc", "HPC");
        var spec = SweepSpecs.Synthetic("slurm-sweep", trials: 4, parallel: 2, epochs: 3, secondsPerEpoch: 0.1,
            extra: $"resources: {{backend: slurm, instances: 2, partition: {SlurmCluster.Partition}, time_limit: 10}}");
        var sweep = await client.SubmitSweepAsync("hpc", spec);

        string Describe() => slurm.Logs + "\n" + string.Join("\n", Directory.GetFiles(slurm.OutputDir).Select(f => $"== {f}\n{File.ReadAllText(f)}"));
        var done = await Eventually.GetAsync(() => client.GetSweepAsync(sweep.Id), s => s.IsFinished, "the slurm sweep to finish", Long);
        Assert.True(done.Status == "completed", $"{done.Status}: {done.StatusReason} {done.ComputeProblem}\n{Describe()}");
        Assert.Equal(4, done.TrialsCompleted);

        // Every job was cancelled once the work was done: squeue lists none of this pool's.
        await Eventually.GetAsync(() => slurm.RunAsync("/usr/bin/squeue", "--noheader", "--format=%j"), q => !q.Contains(pool, StringComparison.Ordinal),
            "no job of the pool left in squeue", Long);
        var rows = await server.Services.GetRequiredService<ComputeInstanceStore>().ListForSweepAsync(sweep.Id, CancellationToken.None);
        Assert.InRange(rows.Count, 1, 4);
        await Eventually.TrueAsync(async () => (await server.Services.GetRequiredService<ComputeInstanceStore>()
            .ListForSweepAsync(sweep.Id, CancellationToken.None)).All(r => r.State == ComputeInstanceState.Terminated), "every job row to end", Long);
        var agents = rows.Select(r => r.AgentId).ToHashSet();
        Assert.All(await client.GetTrialsAsync(sweep.Id), t => Assert.Contains(t.AgentId, agents));
        Assert.All(rows, r => Assert.Equal(ExperimentHub.Core.Specs.ComputeBackend.Slurm, r.Backend));
    }
}
