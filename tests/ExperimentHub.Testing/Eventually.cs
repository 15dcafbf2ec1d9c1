using System.Diagnostics;

namespace ExperimentHub.Testing;

/// <summary>
/// The one way tests wait: poll a condition until it holds or a timeout passes, never sleep for a fixed time. A probe
/// that throws is retried (what it checks may still be starting); on timeout the error says what was awaited, the last
/// value seen and the last error.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    // Polls start fast (most conditions hold within milliseconds) and slow down, so a long wait does not load a
    // machine that the thing awaited shares.
    private static readonly TimeSpan FirstInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>Reads until <paramref name="done"/> holds for what was read, and returns that.</summary>
    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(done);
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        var interval = FirstInterval;
        var seen = false;
        T last = default!;
        Exception? error = null;
        while (true)
        {
            try
            {
                last = await read();
                seen = true;
                if (done(last))
                {
                    return last;
                }
            }
#pragma warning disable CA1031 // A probe may fail while the thing it checks is still starting; remember why.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                error = ex;
            }
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0.#} s waiting for {what}." +
                    (seen ? $" Last seen: {Describe(last)}." : "") + (error is null ? "" : $" Last error: {error.Message}"), error);
            }
            await Task.Delay(interval);
            interval = TimeSpan.FromTicks(Math.Min(MaxInterval.Ticks, interval.Ticks * 3 / 2));
        }
    }

    /// <summary>Reads until the probe returns something (not null), and returns it.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null) =>
        (await GetAsync(probe, value => value is not null, what, timeout))!;

    public static Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null) =>
        GetAsync(condition, holds => holds, what, timeout);

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return GetAsync(() => Task.FromResult(condition()), holds => holds, what, timeout);
    }

    /// <summary>Awaits a task that should complete, failing with what it was when it does not in time.</summary>
    public static async Task<T> ResultAsync<T>(Task<T> task, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        try
        {
            return await task.WaitAsync(timeout ?? DefaultTimeout);
        }
        catch (TimeoutException ex) when (!task.IsCompleted)
        {
            throw new TimeoutException($"Timed out waiting for {what}.", ex);
        }
    }

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        System.Collections.ICollection c => $"{value} with {c.Count} items",
        _ => value.ToString() ?? "",
    };
}
