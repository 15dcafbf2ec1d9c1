using System.Collections.Concurrent;
using ExperimentHub.Server.Data.Converters;
using ExperimentHub.Server.Data.Entities;

namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// A sweep's trials for the coordinator, read incrementally: finished trials do not change, so each pass reads every
/// row's id and status (cheap) and loads in full only the trials that are active or changed since the last pass.
/// Everything is re-read now and then, in case a finished run's summary was changed after its end.
/// </summary>
public sealed class SweepTrialCache(TrialReader reader, TimeProvider time)
{
    private static readonly TimeSpan FullReadEvery = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<long, Entry> _sweeps = new();

    public async Task<IReadOnlyList<TrialSnapshot>> ReadAsync(long sweepId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!_sweeps.TryGetValue(sweepId, out var entry) || now - entry.FullReadAt > FullReadEvery)
        {
            var all = await reader.ReadAsync(sweepId, cancellationToken);
            _sweeps[sweepId] = new Entry(now, all.Where(t => Run.IsFinished(t.Status)).ToDictionary(t => t.RunId));
            return all;
        }

        var states = await reader.ReadStatesAsync(sweepId, cancellationToken);
        var stale = states.Where(s => !entry.Finished.TryGetValue(s.RunId, out var known) || EnumNames.ToText(known.Status) != s.Status)
            .Select(s => s.RunId).ToList();
        var fresh = await reader.ReadAsync(sweepId, stale, cancellationToken);
        foreach (var trial in fresh.Where(t => Run.IsFinished(t.Status)))
        {
            entry.Finished[trial.RunId] = trial;
        }
        var byId = fresh.ToDictionary(t => t.RunId);
        var result = new List<TrialSnapshot>(states.Count);
        foreach (var (runId, _) in states)
        {
            if (byId.TryGetValue(runId, out var trial) || entry.Finished.TryGetValue(runId, out trial))
            {
                result.Add(trial);
            }
        }
        result.Sort((a, b) => a.TrialNumber.CompareTo(b.TrialNumber));
        return result;
    }

    /// <summary>Forgets sweeps that are not running any more, so their trials do not stay in memory.</summary>
    public void RetainOnly(IReadOnlySet<long> running)
    {
        foreach (var sweepId in _sweeps.Keys.Where(id => !running.Contains(id)))
        {
            _sweeps.TryRemove(sweepId, out _);
        }
    }

    private sealed record Entry(DateTimeOffset FullReadAt, Dictionary<long, TrialSnapshot> Finished);
}
