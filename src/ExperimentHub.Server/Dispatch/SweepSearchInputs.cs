using System.Collections.Concurrent;
using ExperimentHub.Core.Samplers;
using ExperimentHub.Core.Specs;
using ExperimentHub.Core.Trials;
using ExperimentHub.Core.WarmStarts;
using ExperimentHub.Server.Data.Entities;

namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// What the coordinator reads to decide for a sweep: its parsed spec, its trials (read incrementally by
/// <see cref="SweepTrialCache"/>) and the finished trials of the sweeps it warm-starts from (re-read every half minute):
/// those its spec names and, for <c>warm_start: auto</c>, the related sweeps found at submission, with their similarity.
/// </summary>
public sealed class SweepSearchInputs(SweepSpecCache specs, SweepTrialCache trials, TrialReader reader, TimeProvider time)
{
    private static readonly TimeSpan HistoryLifetime = TimeSpan.FromSeconds(30);

    // By (sweep, earlier sweep): which trials fit depends on the learning sweep's space.
    private readonly ConcurrentDictionary<(long SweepId, long EarlierId), (DateTimeOffset Read, IReadOnlyList<TrialRecord> Records)> _history = new();
    private readonly ConcurrentDictionary<(SearchMethod, AcquisitionSpec?, int), ISampler> _samplers = new();

    private readonly ConcurrentDictionary<long, WarmStartPlan> _plans = new();

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
        // The plan never changes after submission: parsed once per sweep.
        var plan = _plans.GetOrAdd(sweep.Id, _ => WarmStartDesignJson.Read(sweep.WarmStartDesignJson));
        var design = plan.Design;
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
            History = await HistoryAsync(sweep.Id, spec, plan, cancellationToken),
            Seed = spec.Seed,
            Budget = spec.Budget.Trials,
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
        foreach (var sweepId in _plans.Keys.Where(id => !running.Contains(id)))
        {
            _plans.TryRemove(sweepId, out _);
        }
        foreach (var key in _history.Keys.Where(k => !running.Contains(k.SweepId)))
        {
            _history.TryRemove(key, out _);
        }
    }

    /// <summary>
    /// The sweeps a sweep learns from, each with its finished trials whose parameters fit this space: the sweeps its spec
    /// names (similarity 1: named by hand, they are taken to be the same problem), then those that
    /// <c>warm_start: auto</c> found related (<paramref name="plan"/>), with the similarity it measured.
    /// </summary>
    public async Task<IReadOnlyList<HistorySweep>> HistoryAsync(long sweepId, SweepSpec spec, WarmStartPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(plan);
        var sources = spec.WarmStartSweeps.Distinct().Select(id => (SweepId: id, Similarity: 1.0))
            .Concat(plan.Related.Select(r => (r.SweepId, r.Similarity)))
            .DistinctBy(s => s.SweepId)
            .ToList();
        var now = time.GetUtcNow();
        var history = new List<HistorySweep>(sources.Count);
        foreach (var (earlierId, similarity) in sources)
        {
            if (!_history.TryGetValue((sweepId, earlierId), out var cached) || now - cached.Read > HistoryLifetime)
            {
                var earlier = await reader.ReadAsync(earlierId, cancellationToken);
                var fitting = earlier.Where(t => Run.IsFinished(t.Status))
                    .Select(t => Fit(spec, t))
                    .OfType<TrialRecord>()
                    .ToList();
                cached = (now, fitting);
                _history[(sweepId, earlierId)] = cached;
            }
            history.Add(new HistorySweep(earlierId, similarity, cached.Records));
        }
        return history;
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
