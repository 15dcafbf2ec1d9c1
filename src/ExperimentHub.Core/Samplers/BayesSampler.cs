using ExperimentHub.Core.Numerics;
using ExperimentHub.Core.Spaces;

namespace ExperimentHub.Core.Samplers;

/// <summary>
/// Bayesian optimization with a Gaussian process (Matérn 5/2, one length-scale per input, hyperparameters by
/// marginal likelihood). The first trials follow a scrambled Sobol design. Then each suggestion maximizes the
/// acquisition over many space-filling candidates plus perturbations of the best trials, refined locally.
/// Failed trials and broken constraints are modelled by a second process on feasibility labels, and the
/// acquisition is weighted by the probability of feasibility, so failure regions are learnt and avoided.
/// Several objectives are scalarized as in ParEGO (random augmented Chebyshev weights, one per suggestion).
/// Batches and pending trials use the kriging believer: each chosen point conditions the model as if its
/// outcome were the predicted mean, which shrinks the uncertainty there and spreads the batch, and a believed
/// outcome better than the best trial becomes the incumbent that the rest of the batch must beat.
/// Earlier sweeps of the warm-start history are first moved by the shift that lines their landscape up with this sweep's
/// trials, where the evidence asks for one (<see cref="HistoryAlignment"/>), then are further tasks of a multi-task process (see <see cref="GaussianProcess"/>):
/// each has its own offset and a correlation with this sweep fitted from how well their outcomes agree, so a related
/// sweep shows the model where the good region lies while this sweep's own trials decide how far that holds. The
/// incumbent is always this sweep's own best trial.
/// </summary>
public sealed class BayesSampler : ISampler
{
    private const int LocalStarts = 5;
    /// <summary>Best trials of the warm-start history whose neighbourhoods are candidates too.</summary>
    private const int HistoryStarts = 2;
    /// <summary>The geometric mean of a local refinement box's half-widths, as a share of each range.</summary>
    private const double LocalHalfWidth = 0.1;
    private const double MinLocalHalfWidth = 0.005;
    /// <summary>The share of a known budget, at its end, that mostly refines locally.</summary>
    private const double LateShare = 0.15;
    private const int PerturbationsPerBest = 24;
    private const double FantasyJitter = 1e-6;
    private static readonly double[] BoxCoxPowers = [1, 0.75, 0.5, 0.25, 0, -0.25, -0.5, -0.75, -1];
    /// <summary>No suggestion comes closer than this share of the unit cube's diagonal to a pending or batch point.</summary>
    private const double ExclusionShare = 5e-3;
    /// <summary>With a warm-start history, one global pick in this many searches the whole cube, not the learned box.</summary>
    private const int WholeBoxEvery = 3;
    /// <summary>Model-based trials without a clear improvement after which the learned box has widened to the whole cube.</summary>
    private const int StallTrials = 8;
    /// <summary>An improvement of the best by more than this share of the targets' spread counts as a clear step.</summary>
    private const double ClearStep = 0.02;
    /// <summary>Below this fitted correlation with every earlier sweep, the learned box is dropped.</summary>
    private const double MinHistoryCorrelation = 0.3;

    public BayesSampler(BayesOptions? options = null)
    {
        Options = options ?? new BayesOptions();
        if (Options.Candidates < 1 || Options.FitRestarts < 0 || Options.MaxFitPoints < 2 || Options.InitialPoints < 0 ||
            !(Options.Xi >= 0) || !(Options.Kappa >= 0))
        {
            throw new ArgumentException("Candidates must be positive, FitRestarts, InitialPoints, Xi and Kappa not negative, MaxFitPoints at least 2.", nameof(options));
        }
    }

    public BayesOptions Options { get; }

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
        var random = context.CreateRandom(salt: 2);
        var (observations, expectedCorrelations) = WarmStartTasks.Select(SamplerSupport.Observations(context), context.History, Options.MaxFitPoints, random);
        var pending = SamplerSupport.Pending(context);
        var withLosses = observations.Where(o => o.Losses is not null).ToList();
        var initial = Options.InitialPoints ?? Math.Clamp(space.Dimensions + 4, 5, 20);
        var sobol = space.Dimensions > 0 ? new SobolSequence(space.Dimensions, SplitMix64.Combine(context.Seed, 0x50B01)) : null;

        // The initial design (and the fallback while too little has finished to fit a model).
        while (result.Count < count && (observations.Count + pending.Count + result.Count < initial || withLosses.Count < 2 || sobol is null))
        {
            if (!TryAddSpaceFilling(context, sobol, random, taken, result))
            {
                return result;
            }
        }
        if (result.Count == count)
        {
            return result;
        }

        var hasHistory = observations.Exists(o => o.Task != 0);
        if (hasHistory)
        {
            // Its own random source: a history left in place leaves the rest of the suggestion exactly as it was.
            observations = HistoryAlignment.Align(observations, space, context.CreateRandom(salt: 4));
        }
        var model = new SurrogateModel(this, context, observations, expectedCorrelations, random);
        var inFlight = pending.Concat(result.Select(space.Encode)).ToList();
        foreach (var p in inFlight)
        {
            model.AddFantasy(p);
        }
        for (var item = result.Count; item < count; item++)
        {
            var index = context.Trials.Count + item;
            var local = RefinesLocally(context, hasHistory, pending.Count + item, index);
            if (item > 0 && context.Objectives.Count > 1)
            {
                model.Rescalarize();
            }
            model.Focus(local, index);
            var point = Options.Acquisition == Acquisition.ThompsonSampling
                ? model.ThompsonChoice(taken)
                : model.BestCandidate(taken);
            if (point is null)
            {
                // Every candidate was taken: a discrete space close to exhaustion. Fall back to space-filling.
                if (!TryAddSpaceFilling(context, sobol, random, taken, result))
                {
                    break;
                }
                point = space.Encode(result[^1]);
                inFlight.Add(point);
                model.AddFantasy(point);
                continue;
            }
            var decoded = space.Decode(point);
            taken.Add(space.Fingerprint(decoded));
            result.Add(decoded);
            inFlight.Add(point);
            model.AddFantasy(point);
        }
        return result;
    }

    /// <summary>
    /// Whether the trial with this index refines locally around the incumbent. While other trials are in flight
    /// (<paramref name="inFlight"/>: pending ones and this batch's earlier picks), three suggestions in four refine: the
    /// model cannot learn from those trials until they report, so a sequential search's chain of steps, each starting
    /// from the last result, is what parallel slots lose; global picks made under the believer go to second-best
    /// regions, which on 25-trial budgets explore far more than a sequential search would, while refining slots, kept
    /// apart by the believer inside the box, sample the incumbent's neighbourhood as one local design that the next
    /// model reads together. One pick in four still maximizes the acquisition over the whole search box.
    /// A sweep that learns from related sweeps already knows roughly where to look, so every other trial refines its
    /// best (the others keep searching the learned box, which other good regions share). In the last
    /// <see cref="LateShare"/> of a known budget, every other trial refines: a basin found that late has few trials left
    /// to pay off, while refinement pays at once. Run one at a time, a larger late share, or three trials in four, cost
    /// global-basin hits on 25-trial budgets.
    /// </summary>
    private static bool RefinesLocally(SearchContext context, bool hasHistory, int inFlight, int index)
    {
        if (inFlight > 0 && index % 4 != 0)
        {
            return true;
        }
        if (hasHistory)
        {
            return index % 2 == 1;
        }
        return context.Budget is { } budget && index >= budget - (int)Math.Ceiling(LateShare * budget) && index % 2 == 1;
    }

    private static bool TryAddSpaceFilling(
        SearchContext context, SobolSequence? sobol, Random random, HashSet<string> taken, List<IReadOnlyDictionary<string, object>> result)
    {
        var index = (long)context.Trials.Count + result.Count;
        for (var attempt = 0; attempt < 64; attempt++)
        {
            var point = sobol is not null && attempt == 0 && index < uint.MaxValue
                ? context.Space.Decode(sobol.Point(index))
                : SamplerSupport.Uniform(context.Space, random);
            if (taken.Add(context.Space.Fingerprint(point)))
            {
                result.Add(point);
                return true;
            }
        }
        return false;
    }

    /// <summary>The objective and feasibility processes of one call, and the acquisition search over them.</summary>
    private sealed class SurrogateModel
    {
        private readonly BayesSampler _owner;
        private readonly SearchSpace _space;
        private readonly FeatureMap _features;
        private readonly List<Observation> _observations;
        private readonly Random _random;
        private readonly GaussianProcess _objective;
        private readonly List<GaussianProcess> _feasibilityModels = [];
        private readonly List<Func<double, double, double>> _logFeasibilityOf = [];
        private readonly bool[] _feasible;
        private readonly int[] _tasks;
        private readonly SearchBox _searchBox;
        private readonly SearchBox _wholeSearchBox;
        private SearchBox _box;
        private readonly double[] _expectedCorrelations;
        private readonly List<double[]> _inFlight = [];
        private readonly List<double[]> _fantasies = [];
        private readonly double _exclusionRadius;
        private readonly int _objectiveCount;
        private double[] _targets;
        private double _best;
        private double[] _scratch = new double[64];

        public SurrogateModel(BayesSampler owner, SearchContext context, List<Observation> observations, double[] expectedCorrelations, Random random)
        {
            _owner = owner;
            _space = context.Space;
            _features = new FeatureMap(_space);
            _observations = observations;
            _random = random;
            _objectiveCount = context.Objectives.Count;
            _exclusionRadius = ExclusionShare * Math.Sqrt(_space.Dimensions);
            _feasible = [.. observations.Select(o => o.Feasible)];
            _tasks = [.. observations.Select(o => o.Task)];
            _expectedCorrelations = expectedCorrelations;
            var inputs = observations.Select(o => _features.Map(o.Point)).ToList();
            _targets = Targets();
            var tasks = expectedCorrelations.Length > 0 ? _tasks : null;
            _wholeSearchBox = SearchBox.Whole(_space);
            _searchBox = tasks is null ? _wholeSearchBox : SearchBox.AroundBest(_space, observations.Where(o => o.Task != 0).ToList());
            _box = _searchBox;
            _objective = new GaussianProcess(inputs, _targets, FitOn(inputs, _targets, tasks), tasks);
            _best = BestTarget();

            // Failures: a process on labels +1 (finished with a value) / -1 (failed), read through a sharp probit.
            if (observations.Exists(o => o.Losses is null))
            {
                var labels = observations.Select(o => o.Losses is null ? -1.0 : 1.0).ToArray();
                AddFeasibilityModel(inputs, labels, (mean, sd) => NormalMath.LogCdf(mean / Math.Sqrt(0.04 + sd * sd)));
            }
            // Constraints: a process per constrained metric; the probability its value lands inside the bounds.
            for (var k = 0; k < context.Constraints.Count; k++)
            {
                var constraint = context.Constraints[k];
                var index = k;
                var known = observations.Where(o => !double.IsNaN(o.ConstraintValues[index])).ToList();
                if (known.Count < 2 || known.TrueForAll(o => constraint.IsMetBy(o.ConstraintValues[index])))
                {
                    continue;
                }
                var values = known.Select(o => o.ConstraintValues[index]).ToArray();
                AddFeasibilityModel(known.Select(o => _features.Map(o.Point)).ToList(), values, (mean, sd) =>
                {
                    var upper = constraint.Max is { } hi ? NormalMath.Cdf((hi - mean) / sd) : 1.0;
                    var lower = constraint.Min is { } lo ? NormalMath.Cdf((lo - mean) / sd) : 0.0;
                    return Math.Log(Math.Max(upper - lower, 1e-300));
                });
            }
        }

        /// <summary>Fits a process to raw values; the predicate reads its prediction in the values' own units.</summary>
        private void AddFeasibilityModel(List<double[]> inputs, double[] values, Func<double, double, double> logProbability)
        {
            var mean = values.Average();
            var scale = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());
            scale = scale > 1e-12 ? scale : 1;
            var standardized = values.Select(v => (v - mean) / scale).ToArray();
            var gp = new GaussianProcess(inputs, standardized, FitOn(inputs, standardized));
            _feasibilityModels.Add(gp);
            var noise = gp.Hyperparameters.NoiseVariance;
            _logFeasibilityOf.Add((m, v) => logProbability(mean + scale * m, scale * Math.Sqrt(v + noise)));
        }

        public void AddFantasy(double[] unit)
        {
            var f = _features.Map(unit);
            _inFlight.Add(unit);
            _fantasies.Add(f);
            _best = Math.Min(_best, BelievedValue(f));
            // Believed exactly (a jitter, not the fitted noise): the variance there falls to nothing, so the rest of
            // the batch cannot pile onto the same spot when the noise is fitted large.
            _objective.AddFantasy(f, FantasyJitter * _objective.Hyperparameters.SignalVariance);
            foreach (var model in _feasibilityModels)
            {
                model.AddFantasy(f);
            }
        }

        /// <summary>
        /// Where the next suggestion looks: the search box, or for local refinement a box around this sweep's best
        /// trial (<see cref="SearchBox.Around"/>); the acquisition decides within it.
        /// </summary>
        public void Focus(bool local, int index)
        {
            _box = GlobalBox(index);
            var incumbent = Enumerable.Range(0, _targets.Length).Where(i => _tasks[i] == 0 && _feasible[i]).OrderBy(i => _targets[i]).FirstOrDefault(-1);
            if (!local || incumbent < 0)
            {
                return;
            }
            var lengthScales = _objective.Hyperparameters.LengthScales;
            var perDimension = Enumerable.Range(0, _space.Dimensions).Select(d => lengthScales[_features.InputOf(d)]).ToArray();
            // As TuRBO's trust region: the box halves with every two trials since the incumbent was found.
            var since = Enumerable.Range(incumbent + 1, _targets.Length - incumbent - 1).Count(i => _tasks[i] == 0);
            var halfWidth = Math.Max(MinLocalHalfWidth, LocalHalfWidth * Math.Pow(0.5, since / 2.0));
            // Around this sweep's own best wherever it lies: the history's box never clips a refinement.
            _box = SearchBox.Around(_space, _observations[incumbent].Point, perDimension, halfWidth, SearchBox.Whole(_space));
        }

        /// <summary>
        /// The box a global pick searches. The box learned from the history (<see cref="SearchBox.AroundBest"/>) guides
        /// the first model-based trials but never confines the sweep: one global pick in <see cref="WholeBoxEvery"/>
        /// searches the whole cube, and the box widens towards the whole cube with every trial
        /// of this sweep that did not improve its best by a clear step (<see cref="StallTrials"/> of them reach the whole
        /// cube), and is dropped once the history no longer holds (<see cref="HistoryHolds"/>).
        /// </summary>
        private SearchBox GlobalBox(int index)
        {
            if (ReferenceEquals(_searchBox, _wholeSearchBox) || index % WholeBoxEvery == 0 || !HistoryHolds())
            {
                return _wholeSearchBox;
            }
            return SearchBox.Between(_searchBox, _wholeSearchBox, Math.Min(1, (double)StalledTrials() / StallTrials));
        }

        /// <summary>
        /// Whether the history still guides this sweep: some earlier sweep's fitted correlation with it is at least
        /// <see cref="MinHistoryCorrelation"/>, and this sweep's trials have not gone <see cref="StallTrials"/> without a
        /// clear improvement.
        /// </summary>
        private bool HistoryHolds()
        {
            var correlations = _objective.Hyperparameters.TaskCorrelations;
            return (correlations.Length == 0 || correlations.Max() >= MinHistoryCorrelation) && StalledTrials() < StallTrials;
        }

        /// <summary>
        /// This sweep's latest trials that did not improve its best by a clear step: more than <see cref="ClearStep"/>
        /// of the spread of its targets (small refinements inside one basin do not count).
        /// </summary>
        private int StalledTrials()
        {
            var values = Enumerable.Range(0, _targets.Length).Where(i => _tasks[i] == 0)
                .Select(i => _feasible[i] ? _targets[i] : double.PositiveInfinity).ToList();
            var finite = values.Where(double.IsFinite).ToList();
            var step = finite.Count > 1 ? ClearStep * (finite.Max() - finite.Min()) : 0;
            var stalled = 0;
            var best = double.PositiveInfinity;
            foreach (var value in values)
            {
                if (double.IsPositiveInfinity(best) ? double.IsFinite(value) : value < best - step)
                {
                    best = value;
                    stalled = 0;
                }
                else
                {
                    stalled++;
                }
            }
            return stalled;
        }

        /// <summary>New random Chebyshev weights for the next suggestion of a multi-objective batch.</summary>
        public void Rescalarize()
        {
            _targets = Targets();
            _objective.SetTargets(_targets);
            _best = BestTarget();
            foreach (var f in _fantasies)
            {
                _best = Math.Min(_best, BelievedValue(f));
            }
        }

        /// <summary>
        /// What the kriging believer takes a pending point's outcome to be: the predicted mean. A belief below the best
        /// trial becomes the incumbent, so the rest of the batch must promise to beat it, rather than crowd around the
        /// same predicted minimum (where improving on the best trial looks certain). NaN while nothing is feasible.
        /// </summary>
        private double BelievedValue(double[] features)
        {
            if (double.IsNaN(_best))
            {
                return double.NaN;
            }
            if (_scratch.Length < _objective.Size)
            {
                _scratch = new double[_objective.Size * 2];
            }
            return _objective.Predict(features, _scratch).Mean;
        }

        public double[]? BestCandidate(HashSet<string> taken)
        {
            var candidates = InitialCandidates(_owner.Options.Candidates);
            var scored = candidates.Select(c => (Point: c, Score: Score(c))).ToList();
            scored.Sort((a, b) => b.Score.CompareTo(a.Score));
            // Local refinement of the best distinct starts: Gaussian steps with a shrinking radius.
            var refined = new List<(double[] Point, double Score)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (point, score) in scored)
            {
                if (refined.Count == LocalStarts)
                {
                    break;
                }
                if (!seen.Add(Key(point)))
                {
                    continue;
                }
                var (bestPoint, bestScore) = (point, score);
                foreach (var radius in (double[])[0.08, 0.03, 0.01, 0.003])
                {
                    for (var step = 0; step < 12; step++)
                    {
                        var next = Perturb(bestPoint, radius);
                        var s = Score(next);
                        if (s > bestScore)
                        {
                            (bestPoint, bestScore) = (next, s);
                        }
                    }
                }
                refined.Add((bestPoint, bestScore));
            }
            foreach (var (point, score) in refined.OrderByDescending(r => r.Score).Concat(scored))
            {
                if (double.IsNaN(score))
                {
                    continue;
                }
                if (!taken.Contains(_space.Fingerprint(_space.Decode(point))) && !NearInFlight(point))
                {
                    return point;
                }
            }
            return null;
        }

        private bool NearInFlight(double[] unit)
        {
            foreach (var other in _inFlight)
            {
                var sum = 0.0;
                for (var d = 0; d < unit.Length; d++)
                {
                    var t = double.IsNaN(unit[d]) || double.IsNaN(other[d]) ? 0 : unit[d] - other[d];
                    sum += t * t;
                }
                if (sum < _exclusionRadius * _exclusionRadius)
                {
                    return true;
                }
            }
            return false;
        }

        public double[]? ThompsonChoice(HashSet<string> taken)
        {
            var candidates = InitialCandidates(Math.Min(_owner.Options.Candidates, 384))
                .Where(c => !taken.Contains(_space.Fingerprint(_space.Decode(c))) && !NearInFlight(c))
                .GroupBy(Key).Select(g => g.First()).ToList();
            if (candidates.Count == 0)
            {
                return null;
            }
            var inputs = candidates.Select(c => _features.Map(c)).ToList();
            var (means, factor) = _objective.PredictJoint(inputs);
            var z = new double[candidates.Count];
            for (var i = 0; i < z.Length; i++)
            {
                z[i] = NormalMath.Sample(_random);
            }
            var bestIndex = -1;
            var bestValue = double.PositiveInfinity;
            for (var i = 0; i < candidates.Count; i++)
            {
                var sample = means[i] + VectorMath.Dot(factor.Row(i)[..(i + 1)], z.AsSpan(0, i + 1));
                // Candidates more likely infeasible than not are passed over while any other remains.
                var penalty = _feasibilityModels.Count == 0 || LogFeasibility(inputs[i]) > Math.Log(0.5) ? 0 : 1e6;
                if (sample + penalty < bestValue)
                {
                    (bestIndex, bestValue) = (i, sample + penalty);
                }
            }
            return candidates[bestIndex];
        }

        /// <summary>Fits hyperparameters; with <paramref name="tasks"/>, also each earlier sweep's correlation with this one.</summary>
        private GpHyperparameters FitOn(List<double[]> inputs, double[] targets, int[]? tasks = null)
        {
            var max = _owner.Options.MaxFitPoints;
            var priors = tasks is null ? null : _expectedCorrelations;
            if (inputs.Count <= max)
            {
                return GaussianProcess.Fit(inputs, targets, _random, _owner.Options.FitRestarts, tasks: tasks, taskPriors: priors);
            }
            // The best quarter keeps the fit faithful where it matters; a random share keeps it honest elsewhere.
            var order = Enumerable.Range(0, inputs.Count).OrderBy(i => targets[i]).ToList();
            var chosen = order.Take(max / 4).ToList();
            var rest = order.Skip(max / 4).OrderBy(_ => _random.Next()).Take(max - chosen.Count);
            chosen.AddRange(rest);
            return GaussianProcess.Fit([.. chosen.Select(i => inputs[i])], [.. chosen.Select(i => targets[i])], _random, _owner.Options.FitRestarts,
                tasks: tasks is null ? null : [.. chosen.Select(i => tasks[i])], taskPriors: priors);
        }

        /// <summary>
        /// Losses as standardized targets: scalarized for several objectives, log-warped when heavily skewed.
        /// Trials without a value (failed) take the worst value seen, so the model also learns to stay away.
        /// </summary>
        private double[] Targets()
        {
            var scored = _observations.Where(o => o.Losses is not null).ToList();
            var raw = new double[_observations.Count];
            Func<double[], double> scalarize;
            if (_objectiveCount == 1)
            {
                scalarize = l => l[0];
            }
            else
            {
                var lo = new double[_objectiveCount];
                var hi = new double[_objectiveCount];
                for (var k = 0; k < _objectiveCount; k++)
                {
                    lo[k] = scored.Min(o => o.Losses![k]);
                    hi[k] = scored.Max(o => o.Losses![k]);
                }
                // Uniform weights on the simplex (normalized exponentials), augmented Chebyshev as in ParEGO.
                var weights = new double[_objectiveCount];
                for (var k = 0; k < _objectiveCount; k++)
                {
                    weights[k] = -Math.Log(1 - _random.NextDouble());
                }
                var total = weights.Sum();
                var rho = _owner.Options.ChebyshevRho;
                scalarize = l =>
                {
                    var max = double.NegativeInfinity;
                    var sum = 0.0;
                    for (var k = 0; k < _objectiveCount; k++)
                    {
                        var weighted = weights[k] / total * (l[k] - lo[k]) / Math.Max(hi[k] - lo[k], 1e-12);
                        max = Math.Max(max, weighted);
                        sum += weighted;
                    }
                    return max + rho * sum;
                };
            }
            var worst = double.NegativeInfinity;
            for (var i = 0; i < raw.Length; i++)
            {
                raw[i] = _observations[i].Losses is { } l ? scalarize(l) : double.NaN;
                if (!double.IsNaN(raw[i]))
                {
                    worst = Math.Max(worst, raw[i]);
                }
            }
            for (var i = 0; i < raw.Length; i++)
            {
                if (double.IsNaN(raw[i]))
                {
                    raw[i] = worst;
                }
            }
            var targets = Standardize(Warp(raw));
            // The process reverts to its zero mean far from the data. Placing that mean among the worst trials (the
            // 90th percentile) rather than at the average makes unexplored space (the faces and corners of the box,
            // first) look no better than a poor trial, so its variance alone does not pull trials there: exploration
            // goes to the open interior between trials, where other basins hide, before the box's edges.
            var level = targets.Order().ElementAt(Math.Min(targets.Length - 1, 9 * targets.Length / 10));
            return [.. targets.Select(t => t - level)];
        }

        /// <summary>
        /// A Box–Cox transform of the losses, shifted to start at 1 and scaled by their typical spread, with the
        /// power chosen by profile likelihood: λ = 1 keeps well-spread values as they are, λ = 0 is a log, and
        /// negative powers tame values that span orders of magnitude (Goldstein–Price, Rosenbrock). The order and
        /// the minimum are kept, so the model sees where the good region is without a long tail swamping the fit.
        /// </summary>
        private static double[] Warp(double[] raw)
        {
            var sorted = raw.Order().ToArray();
            var min = sorted[0];
            var scale = sorted[sorted.Length / 2] - min;
            if (scale <= 0)
            {
                scale = sorted[^1] - min;
            }
            if (scale <= 0 || raw.Length < 3)
            {
                return raw;
            }
            var x = raw.Select(v => 1 + (v - min) / scale).ToArray();
            var sumLog = x.Sum(Math.Log);
            var best = raw;
            var bestLikelihood = double.NegativeInfinity;
            foreach (var lambda in BoxCoxPowers)
            {
                var y = x.Select(v => lambda == 0 ? Math.Log(v) : (Math.Pow(v, lambda) - 1) / lambda).ToArray();
                var mean = y.Average();
                var variance = y.Sum(v => (v - mean) * (v - mean)) / y.Length;
                if (!(variance > 1e-300))
                {
                    continue;
                }
                var likelihood = -0.5 * y.Length * Math.Log(variance) + (lambda - 1) * sumLog;
                if (likelihood > bestLikelihood)
                {
                    (best, bestLikelihood) = (y, likelihood);
                }
            }
            return best;
        }

        private static double[] Standardize(double[] values)
        {
            var mean = values.Average();
            var sd = Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average());
            sd = sd > 1e-12 ? sd : 1;
            return [.. values.Select(v => (v - mean) / sd)];
        }

        /// <summary>
        /// The incumbent: this sweep's best feasible target. An earlier sweep's trials are never this sweep's best; only
        /// while this sweep has no feasible trial does the history's best stand in, so that improvement has a bar.
        /// </summary>
        private double BestTarget()
        {
            var best = double.NaN;
            var history = double.NaN;
            for (var i = 0; i < _targets.Length; i++)
            {
                if (!_feasible[i])
                {
                    continue;
                }
                if (_tasks[i] == 0 && !(_targets[i] >= best))
                {
                    best = _targets[i];
                }
                if (_tasks[i] != 0 && !(_targets[i] >= history))
                {
                    history = _targets[i];
                }
            }
            return double.IsNaN(best) ? history : best;
        }

        private List<double[]> InitialCandidates(int spaceFilling)
        {
            var candidates = new List<double[]>(spaceFilling + (LocalStarts + HistoryStarts) * PerturbationsPerBest);
            var sobol = new SobolSequence(_space.Dimensions, (ulong)_random.NextInt64());
            for (var i = 0; i < spaceFilling; i++)
            {
                candidates.Add(SamplerSupport.Canonical(_space, _box.Scale(sobol.Point(i))));
            }
            // Around this sweep's best trials, then the history's best (where a related sweep did well is worth a look).
            var bestObserved = Enumerable.Range(0, _targets.Length).Where(i => _tasks[i] == 0)
                .OrderBy(i => _feasible[i] ? 0 : 1).ThenBy(i => _targets[i]).Take(LocalStarts)
                .Concat(Enumerable.Range(0, _targets.Length).Where(i => _tasks[i] != 0 && _feasible[i]).OrderBy(i => _targets[i]).Take(HistoryStarts))
                .ToList();
            foreach (var i in bestObserved)
            {
                for (var k = 0; k < PerturbationsPerBest; k++)
                {
                    candidates.Add(Perturb(_observations[i].Point, k < PerturbationsPerBest / 2 ? 0.02 : 0.1));
                }
            }
            return candidates;
        }

        private double[] Perturb(double[] unit, double radius)
        {
            var u = new double[unit.Length];
            for (var d = 0; d < u.Length; d++)
            {
                var x = double.IsNaN(unit[d]) ? _random.NextDouble() : unit[d];
                u[d] = _box.Clamp(d, x + radius * NormalMath.Sample(_random));
            }
            // Discrete and categorical values rarely move by small steps, so sometimes one coordinate jumps.
            if (u.Length > 0 && _random.NextDouble() < 0.25)
            {
                var d = _random.Next(u.Length);
                u[d] = _box.Clamp(d, _box.Lower[d] + _random.NextDouble() * (_box.Upper[d] - _box.Lower[d]));
            }
            return SamplerSupport.Canonical(_space, u);
        }

        private double Score(double[] unit)
        {
            var f = _features.Map(unit);
            if (_scratch.Length < _objective.Size)
            {
                _scratch = new double[_objective.Size * 2];
            }
            var logFeasible = _feasibilityModels.Count == 0 ? 0 : LogFeasibility(f);
            if (double.IsNaN(_best))
            {
                // Nothing feasible yet: look for feasibility first.
                return logFeasible;
            }
            var (mean, variance) = _objective.Predict(f, _scratch);
            var sd = Math.Sqrt(variance);
            var z = (_best - _owner.Options.Xi - mean) / sd;
            return _owner.Options.Acquisition switch
            {
                Acquisition.ProbabilityOfImprovement => NormalMath.LogCdf(z) + logFeasible,
                Acquisition.UpperConfidenceBound => -(mean - _owner.Options.Kappa * sd) + logFeasible,
                _ => Math.Log(sd) + NormalMath.LogH(z) + logFeasible,
            };
        }

        private double LogFeasibility(double[] features)
        {
            var total = 0.0;
            for (var m = 0; m < _feasibilityModels.Count; m++)
            {
                var model = _feasibilityModels[m];
                if (_scratch.Length < model.Size)
                {
                    _scratch = new double[model.Size * 2];
                }
                var (mean, variance) = model.Predict(features, _scratch);
                total += _logFeasibilityOf[m](mean, variance);
            }
            return total;
        }

        private static string Key(double[] point) => string.Join(",", point.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
