namespace ExperimentHub.E2E.Tests.Infrastructure;

/// <summary>Waits on conditions, polling, with a timeout that fails with a message saying what was awaited.</summary>
public static class Wait
{
    public static async Task<T> ForAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
#pragma warning disable CA1031 // A probe may fail while the thing it checks is still starting; remember why.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                last = ex;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
        throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}." +
            (last is null ? "" : $" Last error: {last.Message}"), last);
    }

    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) =>
        ForAsync<object>(async () => await condition() ? new object() : null, timeout, what);
}
