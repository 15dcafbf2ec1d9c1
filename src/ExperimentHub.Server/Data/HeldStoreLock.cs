namespace ExperimentHub.Server.Data;

/// <summary>A <see cref="StoreLock"/> held until disposed (once).</summary>
internal sealed class HeldStoreLock(Func<ValueTask> release) : IAsyncDisposable
{
    private int _released;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            await release();
        }
    }
}
