using ExperimentHub.Agent.Gpus;

namespace ExperimentHub.Agent.Tests.Gpus;

public class GpuAllocatorTests
{
    [Fact]
    public void Each_trial_gets_its_own_gpus_and_they_come_back()
    {
        var allocator = new GpuAllocator([0, 1, 2, 3]);

        Assert.True(allocator.TryAllocate(1, out var first));
        Assert.True(allocator.TryAllocate(2, out var second));
        Assert.False(allocator.TryAllocate(2, out var none));
        Assert.Equal([0], first);
        Assert.Equal([1, 2], second);
        Assert.Empty(none);
        Assert.Equal(1, allocator.FreeCount);

        allocator.Release(second);
        Assert.True(allocator.TryAllocate(3, out var third));
        Assert.Equal([1, 2, 3], third);
        Assert.Equal(0, allocator.FreeCount);
    }

    [Fact]
    public void Zero_gpus_always_fit() => Assert.True(new GpuAllocator([]).TryAllocate(0, out _));

    [Fact]
    public void Releasing_twice_or_a_foreign_gpu_is_a_bug_caught_early()
    {
        var allocator = new GpuAllocator([0, 1]);
        allocator.TryAllocate(1, out var taken);
        allocator.Release(taken);

        Assert.Throws<InvalidOperationException>(() => allocator.Release(taken));
        Assert.Throws<ArgumentException>(() => allocator.Release([5]));
    }

    [Fact]
    public async Task Concurrent_trials_never_share_a_gpu()
    {
        var allocator = new GpuAllocator(Enumerable.Range(0, 8));
        var holders = new int[8];

        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 2000; i++)
            {
                if (!allocator.TryAllocate(2, out var gpus))
                {
                    continue;
                }
                foreach (var gpu in gpus)
                {
                    Assert.Equal(1, Interlocked.Increment(ref holders[gpu]));
                }
                foreach (var gpu in gpus)
                {
                    Interlocked.Decrement(ref holders[gpu]);
                }
                allocator.Release(gpus);
            }
        })));

        Assert.Equal(8, allocator.FreeCount);
    }
}
