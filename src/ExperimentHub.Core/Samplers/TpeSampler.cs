using ExperimentHub.Core.MultiObjective;
using ExperimentHub.Core.Numerics;
using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Samplers;

/// <summary>
/// Tree-structured Parzen estimator (Bergstra et al., 2011). Finished trials split into good (the best share
/// gamma) and bad; each gets a Parzen density, l(x) and g(x); candidates drawn from l(x) compete on l(x)/g(x).
/// Parameters are modelled in groups sharing one condition, jointly within a group (or each alone when not
/// <see cref="TpeOptions.Multivariate"/>), and a group is sampled only when its condition holds, which is how
/// the estimator follows the tree of a conditional space. Failed, infeasible and pruned trials are bad; pending
/// and running ones too (a constant liar), which also spreads a batch. With several objectives the split follows
/// non-dominated ranks, the last rank cut by hypervolume contribution (as MOTPE).
/// </summary>
public sealed class TpeSampler : ISampler
{
    public TpeSampler(TpeOptions? options = null)
    {
        Options = options ?? new TpeOptions();
        if (Options.Candidates < 1 || Options.StartupTrials < 0 || !(Options.PriorWeight > 0) || !(Options.Gamma is > 0 and <= 1) || Options.MaxGood < 1)
        {
            throw new ArgumentException("Candidates and MaxGood must be positive, StartupTrials not negative, PriorWeight positive, Gamma in (0, 1].", nameof(options));
        }
    }

    public TpeOptions Options { get; }

    public IReadOnlyList<IReadOnlyDictionary<string, object>> Suggest(SearchContext context, int count)
    {
        ArgumentNullException.ThrowIfNull(context);
        SamplerSupport.ValidateCount(count);
        var result = new List<IReadOnlyDictionary<string, object>>(count);
        if (count == 0)
        {
            return result;
        }
        var space = context.Space;
        var taken = SamplerSupport.Taken(context);
        var random = context.CreateRandom(salt: 3);
        var (good, bad, finished) = Split(context);
        var sobol = space.Dimensions > 0 ? new SobolSequence(space.Dimensions, SplitMix64.Combine(context.Seed, 0x50B01)) : null;
        var groups = Groups(space);
        while (result.Count < count)
        {
            Dictionary<string, object>? point = null;
            if (finished < Options.StartupTrials || good.Count == 0 || sobol is null)
            {
                var index = (long)context.Trials.Count + result.Count;
                point = space.Decode(sobol?.Point(index) ?? []);
                if (!taken.Add(space.Fingerprint(point)))
                {
                    point = null;
                }
            }
            for (var attempt = 0; point is null && attempt < 16; attempt++)
            {
                var candidate = attempt < 8 ? SampleTpe(space, groups, good, bad, random) : SamplerSupport.Uniform(space, random);
                if (taken.Add(space.Fingerprint(candidate)))
                {
                    point = candidate;
                }
            }
            if (point is null)
            {
                break;
            }
            result.Add(point);
            // The constant liar: what was just suggested counts as bad for the rest of the batch.
            bad.Add(space.Encode(point));
        }
        return result;
    }

    private (List<double[]> Good, List<double[]> Bad, int Finished) Split(SearchContext context)
    {
        var space = context.Space;
        var scored = new List<(double[] Point, double[] Losses)>();
        var bad = new List<double[]>();
        var finished = 0;
        foreach (var t in context.HistoryTrials.Concat(context.Trials))
        {
            switch (t.State)
            {
                case TrialState.Completed when t.IsFeasible(context.Objectives, context.Constraints):
                    scored.Add((space.Encode(t.Parameters), t.Losses(context.Objectives)!));
                    finished++;
                    break;
                case TrialState.Completed or TrialState.Failed or TrialState.Pruned:
                    bad.Add(space.Encode(t.Parameters));
                    finished++;
                    break;
                case TrialState.Pending or TrialState.Running:
                    bad.Add(space.Encode(t.Parameters));
                    break;
                default:
                    break;
            }
        }
        var goodCount = Math.Min((int)Math.Ceiling(Options.Gamma * finished), Options.MaxGood);
        goodCount = Math.Min(goodCount, scored.Count);
        var order = context.Objectives.Count == 1
            ? [.. Enumerable.Range(0, scored.Count).OrderBy(i => scored[i].Losses[0])]
            : MultiObjectiveOrder(scored.Select(s => s.Losses).ToList(), goodCount);
        var good = order.Take(goodCount).Select(i => scored[i].Point).ToList();
        bad.AddRange(order.Skip(goodCount).Select(i => scored[i].Point));
        return (good, bad, finished);
    }

    /// <summary>Indices by non-dominated rank; within the rank that straddles the cut, by hypervolume contribution.</summary>
    private static List<int> MultiObjectiveOrder(List<double[]> losses, int goodCount)
    {
        var ranks = ParetoFront.Ranks(losses);
        var order = Enumerable.Range(0, losses.Count).OrderBy(i => ranks[i]).ToList();
        if (goodCount == 0 || goodCount >= losses.Count)
        {
            return order;
        }
        var cutRank = ranks[order[goodCount - 1]];
        var straddling = order.Where(i => ranks[i] == cutRank).ToList();
        if (straddling.Count <= 1)
        {
            return order;
        }
        var m = losses[0].Length;
        var reference = new double[m];
        for (var k = 0; k < m; k++)
        {
            var lo = losses.Min(l => l[k]);
            var hi = losses.Max(l => l[k]);
            reference[k] = hi + 0.1 * Math.Max(hi - lo, 1e-9);
        }
        var contributions = Hypervolume.Contributions(straddling.Select(i => losses[i]).ToList(), reference);
        var byContribution = Enumerable.Range(0, straddling.Count).OrderByDescending(k => contributions[k]).Select(k => straddling[k]).ToList();
        return [.. order.Where(i => ranks[i] < cutRank), .. byContribution, .. order.Where(i => ranks[i] > cutRank)];
    }

    private Dictionary<string, object> SampleTpe(SearchSpace space, List<int[]> groups, List<double[]> good, List<double[]> bad, Random random)
    {
        var unit = new double[space.Dimensions];
        Array.Fill(unit, double.NaN);
        var partial = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var first = space.Parameters[group[0]];
            if (!SearchSpace.IsActive(first, partial))
            {
                continue;
            }
            var parameters = group.Select(i => space.Parameters[i]).ToArray();
            var goodHere = good.Where(p => !double.IsNaN(p[group[0]])).ToList();
            var badHere = bad.Where(p => !double.IsNaN(p[group[0]])).ToList();
            var chosen = new double[group.Length];
            if (goodHere.Count == 0)
            {
                for (var k = 0; k < group.Length; k++)
                {
                    chosen[k] = parameters[k].ToUnit(parameters[k].FromUnit(random.NextDouble()));
                }
            }
            else
            {
                var l = new ParzenEstimator(parameters, group, goodHere, Options.PriorWeight);
                var g = new ParzenEstimator(parameters, group, badHere, Options.PriorWeight);
                var candidate = new double[group.Length];
                var bestScore = double.NegativeInfinity;
                for (var c = 0; c < Options.Candidates; c++)
                {
                    l.Sample(random, candidate);
                    var score = l.LogDensity(candidate) - g.LogDensity(candidate);
                    if (score > bestScore)
                    {
                        bestScore = score;
                        candidate.CopyTo(chosen, 0);
                    }
                }
            }
            for (var k = 0; k < group.Length; k++)
            {
                unit[group[k]] = chosen[k];
                partial[parameters[k].Name] = parameters[k].FromUnit(chosen[k]);
            }
        }
        return space.Decode(unit);
    }

    /// <summary>Parameter indices grouped by identical condition, groups in parents-first order.</summary>
    private List<int[]> Groups(SearchSpace space)
    {
        if (!Options.Multivariate)
        {
            return [.. Enumerable.Range(0, space.Dimensions).Select(i => new[] { i })];
        }
        var keys = new List<string>();
        var members = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < space.Dimensions; i++)
        {
            var when = space.Parameters[i].When;
            var key = when is null ? "" : when.Parent + "\u001f" + string.Join("\u001f", when.Values.Select(ParameterValues.Format));
            if (!members.TryGetValue(key, out var list))
            {
                members[key] = list = [];
                keys.Add(key);
            }
            list.Add(i);
        }
        // Parents come first in the space, but a root parameter listed after a conditional group must still be
        // decided before that group is: order groups so each group's parent is in an earlier group.
        var groups = keys.Select(k => members[k].ToArray()).ToList();
        var ordered = new List<int[]>();
        var decided = new HashSet<string>(StringComparer.Ordinal);
        while (groups.Count > 0)
        {
            var next = groups.FindIndex(g => space.Parameters[g[0]].When is not { } w || decided.Contains(w.Parent) || space.IndexOf(w.Parent) < 0);
            next = Math.Max(next, 0);
            ordered.Add(groups[next]);
            foreach (var i in groups[next])
            {
                decided.Add(space.Parameters[i].Name);
            }
            groups.RemoveAt(next);
        }
        return ordered;
    }
}
