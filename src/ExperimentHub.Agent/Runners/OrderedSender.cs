using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace ExperimentHub.Agent.Runners;

/// <summary>
/// Sends the agent's reports one after another in the order they were made (a trial's start before its metrics,
/// its metrics before its end, an end before the next work request), each only on a registered connection. A report
/// made while the server is away waits for the reconnect; one cut off by a lost connection is sent again once the
/// connection is back and registered (up to five times); one the server refuses is logged and dropped.
/// </summary>
internal sealed class OrderedSender(RegisteredConnection connection, ILogger logger)
{
    private const int MaxLossesPerReport = 5;
    private readonly Channel<Func<CancellationToken, Task>> _queue = Channel.CreateUnbounded<Func<CancellationToken, Task>>(new UnboundedChannelOptions { SingleReader = true });
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
                    var connectionId = await connection.WaitAsync(ct);
                    try
                    {
                        await call(ct);
                        return;
                    }
                    catch (Exception) when (!ct.IsCancellationRequested && connection.IsLost(connectionId) && losses < MaxLossesPerReport)
                    {
                        // Sent again once the agent has registered on the next connection; the server treats reports as idempotent.
                    }
                    catch (Exception e) when (!ct.IsCancellationRequested && connection.IsLost(connectionId))
                    {
                        // A report that breaks the connection every time (too large for the server, say) must not block the rest.
                        logger.LogError("Dropping {What}: the connection broke {Count} times while sending it ({Error})", what, losses, e.Message);
                        return;
                    }
                    catch (HubException e)
                    {
                        logger.LogWarning("The server refused {What}: {Error}", what, e.Message);
                        return;
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
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

    /// <summary>Queues a call whose answer the caller awaits, sent on a registered connection; not retried (a lost answer is simply lost).</summary>
    public Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call)
    {
        var result = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Increment(ref _pending);
        _queue.Writer.TryWrite(async ct =>
        {
            try
            {
                await connection.WaitAsync(ct);
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
