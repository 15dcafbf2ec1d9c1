using System.Collections.Concurrent;
using ExperimentHub.Core.Specs;
using ExperimentHub.Core.Trials;
using ExperimentHub.Server.Data.Entities;

namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// What the coordinator reads to decide for a sweep: its parsed spec, its trials (read incrementally by
/// <see cref="SweepTrialCache"/>) and the finished trials of the sweeps it warm-starts from (re-read every half minute).
/// </summary>
public sealed class SweepSearchInputs(SweepSpecCache specs, SweepTrialCache trials, TrialReader reader, TimeProvider time)
{
    private static readonly TimeSpan HistoryLifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<long, (DateTimeOffset Read, IReadOnlyList<TrialRecord> Records)> _history = new();

    public async Task<SweepSpec> SpecAsync(long sweepId, CancellationToken cancellationToken) =>
        await specs.GetAsync(sweepId, cancellationToken) ?? throw new InvalidOperationException($"sweep {sweepId} has no spec");

    public Task<IReadOnlyList<TrialSnapshot>> TrialsAsync(long sweepId, CancellationToken cancellationToken) =>
        trials.ReadAsync(sweepId, cancellationToken);

    /// <summary>Forgets the trials of sweeps that are not running any more.</summary>
    public void RetainOnly(IReadOnlySet<long> running) => trials.RetainOnly(running);

    /// <summary>Finished trials of the warm-start sweeps whose parameters fit this space.</summary>
    public async Task<IReadOnlyList<TrialRecord>> HistoryAsync(SweepSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.WarmStartSweeps.Count == 0)
        {
            return [];
        }
        var now = time.GetUtcNow();
        var records = new List<TrialRecord>();
        foreach (var sweepId in spec.WarmStartSweeps.Distinct())
        {
            if (!_history.TryGetValue(sweepId, out var cached) || now - cached.Read > HistoryLifetime)
            {
                var earlier = await reader.ReadAsync(sweepId, cancellationToken);
                var fitting = earlier.Where(t => Run.IsFinished(t.Status))
                    .Select(t => Fit(spec, t))
                    .OfType<TrialRecord>()
                    .ToList();
                cached = (now, fitting);
                _history[sweepId] = cached;
            }
            records.AddRange(cached.Records);
        }
        return records;
    }

    /// <summary>The trial with only this space's parameters, or null when a parameter it needs is missing or out of range.</summary>
    private static TrialRecord? Fit(SweepSpec spec, TrialSnapshot trial)
    {
        var parameters = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var p in spec.Space.Parameters)
        {
            if (!Core.Spaces.SearchSpace.IsActive(p, parameters))
            {
                continue;
            }
            if (!trial.Parameters.TryGetValue(p.Name, out var value) || !p.Accepts(value))
            {
                return null;
            }
            parameters[p.Name] = value;
        }
        return trial.ToRecord() with { Parameters = parameters };
    }
}
