using ExperimentHub.Agent.Runners;

namespace ExperimentHub.Agent.Tests.Runners;

public class RegisteredConnectionTests
{
    private string? _open;

    [Fact]
    public async Task Calls_wait_until_the_open_connection_has_registered()
    {
        var registered = new RegisteredConnection(() => _open);
        _open = "a";

        var waiting = registered.WaitAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        registered.Registered("a");

        Assert.Equal("a", await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("a", registered.Current);
    }

    [Fact]
    public async Task After_a_reconnect_calls_wait_for_the_new_connection_to_register()
    {
        var registered = new RegisteredConnection(() => _open);
        _open = "a";
        registered.Registered("a");

        _open = "b";
        Assert.Null(registered.Current);
        Assert.True(registered.IsLost("a"));
        var waiting = registered.WaitAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        registered.Registered("b");
        Assert.Equal("b", await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(registered.IsLost("b"));
    }

    [Fact]
    public async Task While_disconnected_nothing_is_registered_and_waiting_can_be_cancelled()
    {
        var registered = new RegisteredConnection(() => _open);
        _open = "a";
        registered.Registered("a");
        _open = null;
        using var stop = new CancellationTokenSource();

        var waiting = registered.WaitAsync(stop.Token);
        await stop.CancelAsync();

        Assert.Null(registered.Current);
        Assert.True(registered.IsLost("a"));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
