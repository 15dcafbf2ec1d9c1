using System.Collections.Concurrent;
using System.Globalization;
using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Compute;

namespace ExperimentHub.Server.Tests.Compute;

/// <summary>
/// An ec2 backend in memory for the scaler and terminator tests: what it "runs" is a set of ids; it records every
/// start and stop, answers queued refusals, and can be told an instance vanished or a stranger appeared.
/// </summary>
public sealed class RecordingComputeBackend : IComputeBackend
{
    private readonly ConcurrentDictionary<string, long?> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<CapacityException> _refusals = new();
    private int _next;

    public ComputeBackend Kind => ComputeBackend.Ec2;

    public string? ConfigurationProblem => null;

    public double HourlyPrice { get; set; } = 1.0;

    public ConcurrentQueue<CapacityRequest> Started { get; } = new();

    public ConcurrentQueue<string> Stopped { get; } = new();

    public IReadOnlyCollection<string> Running => [.. _running.Keys];

    public void Refuse(CapacityException refusal) => _refusals.Enqueue(refusal);

    /// <summary>The engine ended it by itself (a spot reclaim, a job past its time limit), saying how when <paramref name="end"/> is given.</summary>
    public void Vanish(string id, string? end = null)
    {
        _running.TryRemove(id, out _);
        if (end is not null)
        {
            Ends[id] = end;
        }
    }

    /// <summary>An instance with the pool's tag that the store does not know.</summary>
    public void AddStranger(string id, long? sweepId) => _running[id] = sweepId;

    public Task<StartedCapacity> StartAsync(CapacityRequest request, CancellationToken cancellationToken)
    {
        if (_refusals.TryDequeue(out var refusal))
        {
            throw refusal;
        }
        Started.Enqueue(request);
        var id = string.Create(CultureInfo.InvariantCulture, $"i-{Interlocked.Increment(ref _next):d4}");
        _running[id] = request.SweepId;
        return Task.FromResult(new StartedCapacity(id, request.Resources.InstanceType ?? "t3.medium", HourlyPrice));
    }

    public Task<IReadOnlyList<ObservedCapacity>> ObserveAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ObservedCapacity>>([.. _running.Select(r => new ObservedCapacity(r.Key, r.Value, "running"))]);

    /// <summary>How a vanished instance ended, as the engine would tell (<see cref="Vanish"/>'s words).</summary>
    public ConcurrentDictionary<string, string> Ends { get; } = new(StringComparer.Ordinal);

    public Task<IReadOnlyDictionary<string, string>> DescribeEndsAsync(IReadOnlyCollection<string> externalIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(externalIds.Where(Ends.ContainsKey).ToDictionary(id => id, id => Ends[id], StringComparer.Ordinal));

    public Task StopAsync(IReadOnlyCollection<string> externalIds, CancellationToken cancellationToken)
    {
        foreach (var id in externalIds)
        {
            Stopped.Enqueue(id);
            _running.TryRemove(id, out _);
        }
        return Task.CompletedTask;
    }
}
