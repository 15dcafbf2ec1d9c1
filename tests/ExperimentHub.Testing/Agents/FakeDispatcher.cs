using System.Collections.Concurrent;
using ExperimentHub.Contracts.Agents;

namespace ExperimentHub.Testing.Agents;

/// <summary>
/// The state behind <see cref="FakeAgentHub"/>: a queue of trials to hand out and a record of everything the
/// agents reported. It outlives server restarts, like the database would.
/// </summary>
public sealed class FakeDispatcher
{
    private long _nextAgentId;
    private int _running;
    private int _maxRunning;

    public ConcurrentQueue<TrialAssignment> Queue { get; } = new();

    public ConcurrentQueue<AgentRegistration> Registrations { get; } = new();

    public ConcurrentQueue<WorkRequest> WorkRequests { get; } = new();

    public ConcurrentQueue<TrialStarted> Started { get; } = new();

    public ConcurrentQueue<TrialEnd> Ended { get; } = new();

    public ConcurrentQueue<TrialSetupFailure> SetupFailures { get; } = new();

    public ConcurrentQueue<MetricReportPoint> Points { get; } = new();

    public ConcurrentQueue<string> Lines { get; } = new();

    public ConcurrentQueue<Heartbeat> Heartbeats { get; } = new();

    public ConcurrentQueue<IReadOnlyList<long>> Reattaches { get; } = new();

    /// <summary>Every hub call in the order the hub ran them, with the connection it came on.</summary>
    public ConcurrentQueue<HubCall> Calls { get; } = new();

    /// <summary>The methods called on each connection, connections in the order of their first call.</summary>
    public IReadOnlyList<IReadOnlyList<string>> CallsByConnection =>
        [.. Calls.GroupBy(c => c.ConnectionId).Select(g => (IReadOnlyList<string>)[.. g.Select(c => c.Method)])];

    public int HeartbeatSeconds { get; set; } = 10;

    /// <summary>Which reattached runs the agent may keep; all by default.</summary>
    public Func<long, bool> MayKeep { get; set; } = _ => true;

    public int MaxRunning => Volatile.Read(ref _maxRunning);

    public RegistrationAccepted Register(AgentRegistration registration)
    {
        Registrations.Enqueue(registration);
        return new RegistrationAccepted(Interlocked.Increment(ref _nextAgentId), HeartbeatSeconds, 30);
    }

    public IReadOnlyList<TrialAssignment> RequestWork(WorkRequest request)
    {
        WorkRequests.Enqueue(request);
        var given = new List<TrialAssignment>();
        var gpus = request.FreeGpuCount;
        while (given.Count < request.FreeSlots && Queue.TryPeek(out var next) && next.GpuCount <= gpus && Queue.TryDequeue(out next))
        {
            gpus -= next.GpuCount;
            given.Add(next);
        }
        return given;
    }

    public void TrialStarted(TrialStarted started)
    {
        Started.Enqueue(started);
        var now = Interlocked.Increment(ref _running);
        int max;
        while (now > (max = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, now, max) != max)
        {
            // Retry until the maximum holds.
        }
    }

    public void TrialEnded(TrialEnd end)
    {
        if (Started.Any(s => s.RunId == end.RunId))
        {
            Interlocked.Decrement(ref _running);
        }
        Ended.Enqueue(end);
    }

    public IReadOnlyList<long> Reattach(IReadOnlyList<long> running)
    {
        Reattaches.Enqueue(running);
        return [.. running.Where(MayKeep)];
    }
}
