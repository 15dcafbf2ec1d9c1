using ExperimentHub.Core.Numerics;
using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Samplers;

/// <summary>
/// CMA-ES over the numeric parameters (floats and ints, in the shared unit-cube encoding), for continuous spaces
/// and budgets of a few generations or more. It keeps no state: each call replays the sweep's generations from
/// its trials (generation g holds the trials g·λ … g·λ+λ−1 in creation order) up to the first generation that
/// still has a trial in flight, and draws from the state reached. A parallel sweep thus draws ahead from the last
/// complete generation, and those points update the state as injected solutions. Trials that failed or lack a
/// value rank last in their generation, infeasible ones after feasible ones. Categorical parameters are drawn by
/// TPE, which also takes over entirely when the space has no numeric parameter. The draw for the trial at
/// position k depends only on the seed, k and the trials before it, so a seed repeats a sweep.
/// </summary>
public sealed class CmaEsSampler : ISampler
{
    private readonly TpeSampler _categorical = new();

    public CmaEsSampler(CmaEsOptions? options = null)
    {
        Options = options ?? new CmaEsOptions();
        if (Options.PopulationSize < 2 || !(Options.InitialSigma is > 0 and <= 1))
        {
            throw new ArgumentException("PopulationSize must be at least 2 and InitialSigma in (0, 1].", nameof(options));
        }
    }

    public CmaEsOptions Options { get; }

    public IReadOnlyList<IReadOnlyDictionary<string, object>> Suggest(SearchContext context, int count)
    {
        ArgumentNullException.ThrowIfNull(context);
        SamplerSupport.ValidateCount(count);
        var space = context.Space;
        var numeric = Enumerable.Range(0, space.Dimensions).Where(i => space.Parameters[i].Kind != ParameterKind.Categorical).ToArray();
        if (count == 0 || numeric.Length == 0)
        {
            return _categorical.Suggest(context, count);
        }
        var evolution = Replay(context, numeric);
        // Categorical values (and the activity of conditional parameters under them) come from TPE.
        var categorical = numeric.Length == space.Dimensions ? null : _categorical.Suggest(context, count);
        var taken = SamplerSupport.Taken(context);
        var result = new List<IReadOnlyDictionary<string, object>>(count);
        for (var i = 0; i < count; i++)
        {
            var position = context.Trials.Count + i;
            var random = new Random(SplitMix64.Seed(context.Seed, position, 0xC3A));
            var unit = categorical is null
                ? new double[space.Dimensions]
                : i < categorical.Count ? space.Encode(categorical[i]) : space.Encode(SamplerSupport.Uniform(space, random));
            Dictionary<string, object>? point = null;
            for (var attempt = 0; attempt < 64 && point is null; attempt++)
            {
                var draw = evolution.Sample(random);
                for (var k = 0; k < numeric.Length; k++)
                {
                    unit[numeric[k]] = draw[k];
                }
                var decoded = space.Decode(unit);
                if (taken.Add(space.Fingerprint(decoded)))
                {
                    point = decoded;
                }
            }
            // The distribution has collapsed onto points already tried (a small discrete space): draw uniformly.
            for (var attempt = 0; attempt < 256 && point is null; attempt++)
            {
                var uniform = SamplerSupport.Uniform(space, random);
                if (taken.Add(space.Fingerprint(uniform)))
                {
                    point = uniform;
                }
            }
            if (point is null)
            {
                break;
            }
            result.Add(point);
        }
        return result;
    }

    /// <summary>The state after every complete generation of the sweep, warm-started at the best earlier trial if any.</summary>
    private CmaEvolution Replay(SearchContext context, int[] numeric)
    {
        var n = numeric.Length;
        var lambda = Options.PopulationSize ?? 4 + (int)Math.Floor(3 * Math.Log(n));
        var mean = Enumerable.Repeat(0.5, n).ToArray();
        var history = context.HistoryTrials
            .Where(t => t.IsFeasible(context.Objectives, context.Constraints))
            .MinBy(t => t.Losses(context.Objectives)![0]);
        if (history is not null)
        {
            mean = Project(context.Space.Encode(history.Parameters), numeric, mean);
        }
        var evolution = new CmaEvolution(mean, Options.InitialSigma, lambda);
        var trials = context.Trials;
        for (var start = 0; start + lambda <= trials.Count; start += lambda)
        {
            var generation = trials.Skip(start).Take(lambda).ToList();
            if (generation.Exists(t => t.State is TrialState.Pending or TrialState.Running))
            {
                break;
            }
            var center = evolution.Mean;
            var ranked = generation
                .OrderBy(t => t.IsFeasible(context.Objectives, context.Constraints) ? 0 : t.Losses(context.Objectives) is null ? 2 : 1)
                .ThenBy(t => t.Losses(context.Objectives)?[0] ?? 0)
                .Select(t => Project(context.Space.Encode(t.Parameters), numeric, center))
                .ToList();
            evolution.Tell(ranked);
        }
        return evolution;
    }

    /// <summary>The numeric coordinates of a unit-cube point; an inactive one takes the mean's value (no step there).</summary>
    private static double[] Project(double[] unit, int[] numeric, double[] center) =>
        [.. numeric.Select((index, k) => double.IsNaN(unit[index]) ? center[k] : unit[index])];
}
