using System.Threading.Channels;
using ExperimentHub.Contracts.Api;

namespace ExperimentHub.Client;

/// <summary>
/// Logs metrics of one run from .NET training code: <see cref="Log"/> never blocks on the network; a background
/// loop sends batches of up to <see cref="MaxBatch"/> points, retrying transient failures, and
/// <see cref="DisposeAsync"/> flushes what is left.
/// </summary>
public sealed class RunLogger : IAsyncDisposable
{
    public const int MaxBatch = 1000;

    private readonly ExperimentHubClient _client;
    private readonly Channel<MetricPointDto> _points = Channel.CreateUnbounded<MetricPointDto>(new() { SingleReader = true });
    private readonly Task _sender;
    private readonly TimeSpan _flushInterval;
    private readonly Dictionary<string, long> _nextStep = new(StringComparer.Ordinal);
    private Exception? _failure;

    public RunLogger(ExperimentHubClient client, long runId, TimeSpan? flushInterval = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        RunId = runId;
        _flushInterval = flushInterval ?? TimeSpan.FromSeconds(1);
        _sender = Task.Run(SendLoopAsync);
    }

    public long RunId { get; }

    /// <summary>Queues one value per metric at <paramref name="step"/> (per key, one past its last step when null).</summary>
    public void Log(IReadOnlyDictionary<string, double> metrics, long? step = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (_failure is { } failure)
        {
            throw new ExperimentHubException($"metrics of run {RunId} are no longer sent: {failure.Message}", failure);
        }
        var now = DateTimeOffset.UtcNow;
        lock (_nextStep)
        {
            foreach (var (key, value) in metrics)
            {
                var s = step ?? (_nextStep.TryGetValue(key, out var next) ? next : 0);
                _nextStep[key] = s + 1;
                _points.Writer.TryWrite(new MetricPointDto(key, value, s, now));
            }
        }
    }

    public async Task FinishAsync(string status = "completed", IReadOnlyDictionary<string, double>? summary = null, CancellationToken cancellationToken = default)
    {
        await DisposeAsync();
        await _client.FinishRunAsync(RunId, status, summary, error: null, cancellationToken);
    }

    /// <summary>
    /// Ends the run as failed because of <paramref name="exception"/>: its type, message and stack trace (inner
    /// exceptions included) become the run's error, so the run page says why. Call it from the training code's catch.
    /// </summary>
    public async Task FailAsync(Exception exception, IReadOnlyDictionary<string, double>? summary = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(exception);
        try
        {
            await DisposeAsync();
        }
        finally
        {
            // The metrics that could not be sent must not hide why the run failed.
            await _client.FinishRunAsync(RunId, "failed", summary, exception.ToString(), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _points.Writer.TryComplete();
        await _sender;
        if (_failure is { } failure)
        {
            throw new ExperimentHubException($"metrics of run {RunId} were not all saved: {failure.Message}", failure);
        }
    }

    private async Task SendLoopAsync()
    {
        var reader = _points.Reader;
        var batch = new List<MetricPointDto>(MaxBatch);
        while (await reader.WaitToReadAsync())
        {
            // Let a burst accumulate so that one request carries many points.
            using (var wait = new CancellationTokenSource(_flushInterval))
            {
                while (batch.Count < MaxBatch)
                {
                    if (reader.TryRead(out var p))
                    {
                        batch.Add(p);
                        continue;
                    }
                    try
                    {
                        if (!await reader.WaitToReadAsync(wait.Token))
                        {
                            break;
                        }
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            }
            if (!await TrySendAsync(batch))
            {
                return;
            }
            batch.Clear();
        }
    }

    private async Task<bool> TrySendAsync(List<MetricPointDto> batch)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await _client.LogMetricsAsync(RunId, batch);
                return true;
            }
            catch (Exception ex) when (attempt < 6 && ExperimentHubClient.IsTransient(ex, CancellationToken.None))
            {
                await Task.Delay(delay);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
            catch (Exception ex) when (ex is HttpRequestException or ExperimentHubException or TaskCanceledException)
            {
                _failure = ex;
                return false;
            }
        }
    }
}
