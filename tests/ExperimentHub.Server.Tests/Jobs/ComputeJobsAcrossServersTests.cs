using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Entities;
using ExperimentHub.Server.Jobs;
using ExperimentHub.Server.Tests.Compute;
using ExperimentHub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Jobs;

/// <summary>
/// Two servers on one store (one SQLite data folder, or one PostgreSQL database) and one cloud account: their compute
/// passes take turns through the store's lock, so a sweep gets the instances it needs once, not once per server.
/// </summary>
public sealed class ComputeJobsAcrossServersTests : ComputeTestBase
{
    [Fact]
    public async Task Two_servers_passes_take_turns_and_a_burst_of_them_starts_only_the_instances_the_sweep_needs()
    {
        var sweep = await SubmitAsync(Ec2Spec(trials: 6, parallel: 2, instances: 2));
        var here = Services.GetRequiredService<ComputeJobs>();
        var there = StartAnotherServer().GetRequiredService<ComputeJobs>();

        // This server's scaler stalls in its first cloud call, before it has stored the instance...
        var inCloud = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cloudAnswers = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        Backend.BeforeStart = async () =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                inCloud.SetResult();
                await cloudAnswers.Task;
            }
        };
        var first = here.StartCapacityAsync(CancellationToken.None);
        await Eventually.ResultAsync(inCloud.Task.ContinueWith(_ => true, TaskScheduler.Default), "this server's scaler in its first cloud call");

        // ...while the other server's pass comes: it waits for the store's lock (without it, it would start both
        // instances too, as nothing is stored yet).
        var second = there.FollowSweepChangeAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => Volatile.Read(ref calls) > 1 || Logs.Entries.Any(e => e.Category == typeof(StoreLock).FullName
            && e.Message.Contains("Waiting for the store lock " + ComputeJobs.PassLock, StringComparison.Ordinal)), "the other server's pass waiting for the lock");
        cloudAnswers.SetResult();
        await Task.WhenAll(first, second);

        // A burst of passes on both servers at once, as a burst of sweep changes enqueues them, changes nothing.
        await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[]
        {
            here.FollowSweepChangeAsync(CancellationToken.None),
            there.FollowSweepChangeAsync(CancellationToken.None),
            here.TerminateRunawayCapacityAsync(CancellationToken.None),
            there.StartCapacityAsync(CancellationToken.None),
        }));

        Assert.Equal(2, Backend.Started.Count);
        Assert.Empty(Backend.Stopped);
        var instances = await InstancesAsync(sweep);
        Assert.Equal(2, instances.Count);
        Assert.All(instances, i => Assert.Equal(ComputeInstanceState.Pending, i.State));
    }
}
