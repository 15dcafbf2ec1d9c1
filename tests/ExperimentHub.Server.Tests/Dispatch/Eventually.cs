namespace ExperimentHub.Server.Tests.Dispatch;

/// <summary>Waits for a condition with a timeout (polling), never for a fixed time.</summary>
public static class Eventually
{
    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, double seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        T last;
        while (true)
        {
            last = await read();
            if (done(last))
            {
                return last;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out after {seconds} s waiting for {what}; last seen: {last}");
            }
            await Task.Delay(25);
        }
    }

    public static Task TrueAsync(Func<Task<bool>> condition, string what, double seconds = 20) =>
        GetAsync(condition, x => x, what, seconds);
}
