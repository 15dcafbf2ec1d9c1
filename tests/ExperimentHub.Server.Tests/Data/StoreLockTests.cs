using ExperimentHub.Server.Data;
using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace ExperimentHub.Server.Tests.Data;

/// <summary>The store's named locks, on each provider: one holder at a time, per name, and free again once released.</summary>
public sealed class StoreLockTests : IDisposable
{
    private readonly TestStore _store = new();

    [Fact]
    public async Task A_held_lock_is_refused_to_a_second_holder_until_released_and_other_names_stay_free()
    {
        // Two servers on the store: each its own StoreLock, as each its own process.
        var one = new StoreLock(_store.Database, NullLogger<StoreLock>.Instance);
        var two = new StoreLock(_store.Database, NullLogger<StoreLock>.Instance);

        var held = await one.TryAcquireAsync("passes", TimeSpan.Zero, CancellationToken.None);
        Assert.NotNull(held);
        Assert.Null(await two.TryAcquireAsync("passes", TimeSpan.FromMilliseconds(200), CancellationToken.None));
        Assert.Null(await one.TryAcquireAsync("passes", TimeSpan.Zero, CancellationToken.None));
        var other = await two.TryAcquireAsync("other", TimeSpan.Zero, CancellationToken.None);
        Assert.NotNull(other);

        var waiting = two.TryAcquireAsync("passes", TimeSpan.FromMinutes(1), CancellationToken.None);
        await held.DisposeAsync();
        var next = await waiting;
        Assert.NotNull(next);
        await next.DisposeAsync();
        await other.DisposeAsync();
    }

    public void Dispose() => _store.Dispose();
}
