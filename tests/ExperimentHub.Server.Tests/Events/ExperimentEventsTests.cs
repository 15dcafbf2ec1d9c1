using ExperimentHub.Server.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ExperimentHub.Server.Tests.Events;

public sealed class ExperimentEventsTests
{
    private static readonly ExperimentTopic RunA = ExperimentTopic.Run(1);
    private static readonly ExperimentTopic RunB = ExperimentTopic.Run(2);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ExperimentEvents _events;

    public ExperimentEventsTests() => _events = new ExperimentEvents(_clock, NullLogger<ExperimentEvents>.Instance);

    [Fact]
    public async Task A_burst_on_several_topics_costs_one_call_per_interval()
    {
        var calls = 0;
        using var subscription = _events.Subscribe([RunA, RunB], () =>
        {
            Interlocked.Increment(ref calls);
            return Task.CompletedTask;
        }, TimeSpan.FromSeconds(1));

        _events.Publish(RunA);
        await Eventually.TrueAsync(() => Volatile.Read(ref calls) == 1, "the first change to call at once");

        // Within the interval (the clock is the test's and stands still), changes on either topic wait and collapse.
        _events.Publish(RunB);
        _events.Publish(RunA);
        _events.Publish(RunB);
        Assert.Equal(1, Volatile.Read(ref calls));
        _clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => Volatile.Read(ref calls) == 2, "one call for the burst once the interval passed");

        _events.Publish(ExperimentTopic.Run(3));
        _clock.Advance(TimeSpan.FromSeconds(5));
        _events.Publish(RunB);
        await Eventually.TrueAsync(() => Volatile.Read(ref calls) == 3, "a call for the next change");
    }

    [Fact]
    public void A_disposed_subscription_leaves_every_topic()
    {
        var subscription = _events.Subscribe([RunA, RunB, RunA], () => Task.CompletedTask);
        Assert.Equal(1, _events.SubscriberCount(RunA));
        Assert.Equal(1, _events.SubscriberCount(RunB));

        subscription.Dispose();
        Assert.Equal(0, _events.SubscriberCount(RunA));
        Assert.Equal(0, _events.SubscriberCount(RunB));
    }

    [Fact]
    public async Task A_failing_subscriber_does_not_stop_the_others()
    {
        var called = false;
        using var failing = _events.Subscribe(RunA, () => throw new InvalidOperationException("a closed page"));
        using var working = _events.Subscribe(RunA, () =>
        {
            Volatile.Write(ref called, true);
            return Task.CompletedTask;
        });

        _events.Publish(RunA);
        await Eventually.TrueAsync(() => Volatile.Read(ref called), "the working subscriber to be called");
    }

    [Fact]
    public void A_follower_moves_its_subscription_to_the_topics_it_is_given()
    {
        using var follower = new TopicFollower(_events, () => Task.CompletedTask);
        follower.Follow([RunA]);
        Assert.Equal(1, _events.SubscriberCount(RunA));

        follower.Follow([RunB, RunA]);
        Assert.Equal(1, _events.SubscriberCount(RunA));
        Assert.Equal(1, _events.SubscriberCount(RunB));
        Assert.Equal([RunA, RunB], follower.Topics.OrderBy(t => t.Id, StringComparer.Ordinal));

        follower.Follow([RunB]);
        Assert.Equal(0, _events.SubscriberCount(RunA));

        follower.Dispose();
        Assert.Equal(0, _events.SubscriberCount(RunB));
        follower.Follow([RunA]);
        Assert.Equal(0, _events.SubscriberCount(RunA));
    }
}
