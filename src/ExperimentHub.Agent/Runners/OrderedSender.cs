using System.Threading.Channels;
using ExperimentHub.Agent.SignalR;
using Microsoft.Extensions.Logging;

namespace ExperimentHub.Agent.Runners;

/// <summary>
/// Sends the agent's reports one after another in the order they were made (a trial's start before its metrics,
/// its metrics before its end, an end before the next work request). A report cut off by a lost connection is
/// sent again once the connection is back (up to five times); one the server refuses is logged and dropped.
/// </summary>
internal sealed class OrderedSender(ILogger logger)
{
    private readonly Channel<Func<CancellationToken, Task>> _queue = Channel.CreateUnbounded<Func<CancellationToken, Task>>(new UnboundedChannelOptions { SingleReader = true });
    private const int MaxLossesPerReport = 5;
    private int _pending;

    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Queues a report that is retried across reconnections until sent or refused.</summary>
    public void Post(string what, Func<CancellationToken, Task> call)
    {
        Interlocked.Increment(ref _pending);
        _queue.Writer.TryWrite(async ct =>
        {
            try
            {
                for (var losses = 1; ; losses++)
                {
                    try
                    {
                        await call(ct);
                        return;
                    }
                    catch (HubConnectionLostException) when (losses < MaxLossesPerReport)
                    {
                        // Sent again after the reconnect; the server treats reports as idempotent.
                    }
                    catch (HubConnectionLostException e)
                    {
                        // A report that breaks the connection every time (too large for the server, say) must not block the rest.
                        logger.LogError("Dropping {What}: the connection broke {Count} times while sending it ({Error})", what, losses, e.Message);
                        return;
                    }
                    catch (HubInvocationException e)
                    {
                        logger.LogWarning("The server refused {What}: {Error}", what, e.Message);
                        return;
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        logger.LogError(e, "Sending {What} failed", what);
                        return;
                    }
                }
            }
            finally
            {
                Interlocked.Decrement(ref _pending);
            }
        });
    }

    /// <summary>Queues a call whose answer the caller awaits; not retried (a lost answer is simply lost).</summary>
    public Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Increment(ref _pending);
        _queue.Writer.TryWrite(async ct =>
        {
            try
            {
                result.TrySetResult(await call(ct));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                result.TrySetCanceled(ct);
            }
            catch (Exception e)
            {
                result.TrySetException(e);
            }
            finally
            {
                Interlocked.Decrement(ref _pending);
            }
        });
        return result.Task;
    }

    /// <summary>Sends until <paramref name="cancellationToken"/> fires; the rest stays queued.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var send in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                await send(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown.
        }
    }
}
