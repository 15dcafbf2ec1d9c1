namespace ExperimentHub.Server.Tests.Dispatch;

/// <summary>The system clock plus an offset the test moves forward, so lease expiry and timeouts need no waiting.</summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
}
