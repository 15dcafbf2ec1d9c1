using System.Collections.Concurrent;
using ExperimentHub.Core.Samplers;
using ExperimentHub.Core.Specs;
using ExperimentHub.Core.Trials;
using ExperimentHub.Core.WarmStarts;
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
    private readonly ConcurrentDictionary<(SearchMethod, AcquisitionSpec?, int), ISampler> _samplers = new();

    private readonly ConcurrentDictionary<long, IReadOnlyList<DesignPoint>> _designs = new();

    /// <summary>
    /// Up to <paramref name="want"/> new trials: first the points of the sweep's warm-start design not yet tried (the
    /// first trials of a <c>warm_start: auto</c> sweep), then suggestions of the sweep's sampler, which sees every trial
    /// so far (the pending and running ones too, so that a batch spreads out) and the warm-start history. The
    /// coordinator's batches and ask/tell's single asks both come from here.
    /// </summary>
    public async Task<IReadOnlyList<SearchSuggestion>> SuggestAsync(
        Sweep sweep, SweepSpec spec, IReadOnlyList<TrialSnapshot> trials, int want, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(trials);
        // The design never changes after submission: parsed once per sweep.
        var design = _designs.GetOrAdd(sweep.Id, _ => WarmStartDesignJson.Read(sweep.WarmStartDesignJson).Design);
        var suggestions = design.Skip(trials.Count).Take(want).Select(p => new SearchSuggestion(p.Parameters, p)).ToList();
        if (suggestions.Count == want)
        {
            return suggestions;
        }
        var records = trials.Select(t => t.ToRecord()).ToList();
        // Design points of this batch count as pending, so the sampler's points keep away from them.
        records.AddRange(suggestions.Select((s, i) => new TrialRecord { Id = -1 - i, Parameters = s.Parameters, State = TrialState.Pending }));
        var context = new SearchContext
        {
            Space = spec.Space,
            Objectives = spec.Objectives,
            Constraints = spec.Constraints,
            Trials = records,
            History = await HistoryAsync(spec, cancellationToken),
            Seed = spec.Seed,
        };
        // A warm-start design stands in for the sampler's own initial design: the model takes over after it.
        var sampler = _samplers.GetOrAdd((spec.Method, spec.Acquisition, design.Count), key => SamplerFactory.Create(spec, key.Item3));
        suggestions.AddRange(sampler.Suggest(context, want - suggestions.Count).Select(p => new SearchSuggestion(p, null)));
        return suggestions;
    }

    public async Task<SweepSpec> SpecAsync(long sweepId, CancellationToken cancellationToken) =>
        await specs.GetAsync(sweepId, cancellationToken) ?? throw new InvalidOperationException($"sweep {sweepId} has no spec");

    public Task<IReadOnlyList<TrialSnapshot>> TrialsAsync(long sweepId, CancellationToken cancellationToken) =>
        trials.ReadAsync(sweepId, cancellationToken);

    /// <summary>Forgets the trials of sweeps that are not running any more.</summary>
    public void RetainOnly(IReadOnlySet<long> running)
    {
        trials.RetainOnly(running);
        foreach (var sweepId in _designs.Keys.Where(id => !running.Contains(id)))
        {
            _designs.TryRemove(sweepId, out _);
        }
    }

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
