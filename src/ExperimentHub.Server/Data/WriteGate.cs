namespace ExperimentHub.Server.Data;

/// <summary>
/// The store's one write gate: every raw SQLite write (metric ingest, trial state changes) passes it, in-process.
/// SQLite has one writer anyway, and its busy handler sleeps before it retries, so queueing here keeps a trial's
/// end-to-next-start time and an ingest batch's latency short under load.
/// </summary>
public sealed class WriteGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Releaser(_gate);
    }

    public void Dispose() => _gate.Dispose();

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
