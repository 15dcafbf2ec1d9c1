namespace ExperimentHub.Core.Numerics;

/// <summary>
/// Gaussian-process regression with an automatic-relevance Matérn 5/2 kernel and a zero prior mean (callers
/// standardize their targets). Hyperparameters are fitted by maximizing the marginal likelihood, with weak
/// log-normal priors that keep length-scales and noise away from degenerate values, using L-BFGS from several
/// starts. Points can be added as fantasies: they shrink the predictive variance without moving the mean, which
/// is exactly the kriging believer's update.
/// Over several tasks (a sweep, task 0, and earlier sweeps on related problems, tasks 1 and up) the covariance of two
/// outcomes is k(x, x')·B(t, t') + σ²_b·[t = t']: B is 1 within a task, ρ_t·ρ_t' between tasks (ρ_0 = 1), each ρ_t
/// fitted by marginal likelihood (so an earlier sweep counts as much as its outcomes agree with this one's), and the
/// second term gives each task its own constant offset, so a shifted level does not read as disagreement.
/// Predictions are always for task 0.
/// </summary>
public sealed class GaussianProcess
{
    private const double Sqrt5 = 2.23606797749979;
    private const double MinLogLength = -4.6;   // length-scale 0.01 on the unit cube
    private const double MaxLogLength = 3.0;    // 20: the input hardly matters
    private const double MinLogNoise = -13.8;   // 1e-6 of the standardized variance
    private const double MaxLogNoise = 0.0;
    private const double MinLogSignal = -4.6;
    private const double MaxLogSignal = 4.6;
    private const double MaxTaskLogit = 4.6;    // correlations between 0.01 and 0.99
    /// <summary>The variance of each task's constant offset, in units of the standardized targets.</summary>
    public const double TaskOffsetVariance = 1.0;

    private readonly List<double[]> _points;
    private readonly List<int> _tasks;
    private readonly int _observed;
    private readonly CholeskyFactor _factor;
    private double[] _alpha;

    /// <param name="tasks">The task of each input (0 for the target task); null when every input is of task 0.</param>
    public GaussianProcess(IReadOnlyList<double[]> inputs, IReadOnlyList<double> targets, GpHyperparameters hyperparameters, IReadOnlyList<int>? tasks = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(hyperparameters);
        if (inputs.Count != targets.Count || inputs.Count == 0)
        {
            throw new ArgumentException($"Need as many targets ({targets.Count}) as inputs ({inputs.Count}), at least one.", nameof(targets));
        }
        ValidateTasks(tasks, inputs.Count, hyperparameters.TaskCorrelations.Length);
        Hyperparameters = hyperparameters;
        _points = [.. inputs];
        _tasks = tasks is null ? [.. Enumerable.Repeat(0, inputs.Count)] : [.. tasks];
        _observed = inputs.Count;
        var n = inputs.Count;
        var k = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                k[i * n + j] = TaskKernel(inputs[i], _tasks[i], inputs[j], _tasks[j]);
            }
            k[i * n + i] += hyperparameters.NoiseVariance;
        }
        _factor = CholeskyFactor.Factor(k, n, extraCapacity: 16);
        _alpha = [.. targets];
        _factor.Solve(_alpha);
    }

    public GpHyperparameters Hyperparameters { get; }

    /// <summary>The number of points conditioned on for the variance: observations plus fantasies.</summary>
    public int Size => _points.Count;

    /// <summary>Replaces the targets of the observed points (not the fantasies), keeping the factorization.</summary>
    public void SetTargets(IReadOnlyList<double> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (targets.Count != _observed)
        {
            throw new ArgumentException($"Need {_observed} targets, got {targets.Count}.", nameof(targets));
        }
        _alpha = [.. targets];
        _factor.Solve(_alpha);
    }

    /// <summary>
    /// Conditions the variance on a point whose outcome is believed to equal the predicted mean, observed with
    /// <paramref name="noiseVariance"/> (the fitted noise when null; a believer that trusts its belief passes a jitter).
    /// </summary>
    public void AddFantasy(double[] input, double? noiseVariance = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var column = new double[_points.Count];
        for (var i = 0; i < column.Length; i++)
        {
            column[i] = TaskKernel(_points[i], _tasks[i], input, 0);
        }
        _factor.Append(column, PriorVariance + (noiseVariance ?? Hyperparameters.NoiseVariance));
        _points.Add(input);
        _tasks.Add(0);
    }

    /// <summary>The posterior mean and variance of the latent function (without noise) at <paramref name="input"/>.</summary>
    /// <param name="scratch">At least <see cref="Size"/> doubles of working space.</param>
    public (double Mean, double Variance) Predict(ReadOnlySpan<double> input, Span<double> scratch)
    {
        var n = _points.Count;
        var kv = scratch[..n];
        for (var i = 0; i < n; i++)
        {
            kv[i] = TaskKernel(_points[i], _tasks[i], input, 0);
        }
        var mean = VectorMath.Dot(kv[.._observed], _alpha);
        _factor.SolveLower(kv);
        var variance = PriorVariance - VectorMath.SquaredNorm(kv);
        return (mean, Math.Max(variance, 1e-12 * Hyperparameters.SignalVariance));
    }

    /// <summary>
    /// The joint posterior of the latent function at several inputs: the means and the lower Cholesky factor of
    /// the covariance (row-major), for drawing correlated samples (Thompson sampling).
    /// </summary>
    public (double[] Means, CholeskyFactor Covariance) PredictJoint(IReadOnlyList<double[]> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var m = inputs.Count;
        var n = _points.Count;
        var v = new double[m][];
        var means = new double[m];
        for (var c = 0; c < m; c++)
        {
            var kv = new double[n];
            for (var i = 0; i < n; i++)
            {
                kv[i] = TaskKernel(_points[i], _tasks[i], inputs[c], 0);
            }
            means[c] = VectorMath.Dot(kv.AsSpan(0, _observed), _alpha);
            _factor.SolveLower(kv);
            v[c] = kv;
        }
        var cov = new double[m * m];
        for (var a = 0; a < m; a++)
        {
            for (var b = 0; b <= a; b++)
            {
                cov[a * m + b] = Kernel(inputs[a], inputs[b]) + Hyperparameters.TaskOffsetVariance - VectorMath.Dot(v[a], v[b]);
            }
            cov[a * m + a] += 1e-9 * Hyperparameters.SignalVariance;
        }
        return (means, CholeskyFactor.Factor(cov, m));
    }

    /// <summary>The prior variance of an outcome of task 0: the signal and, over several tasks, its offset.</summary>
    private double PriorVariance => Hyperparameters.SignalVariance + Hyperparameters.TaskOffsetVariance;

    private double TaskKernel(ReadOnlySpan<double> a, int taskA, ReadOnlySpan<double> b, int taskB) =>
        taskA == taskB
            ? Kernel(a, b) + Hyperparameters.TaskOffsetVariance
            : Kernel(a, b) * Correlation(Hyperparameters.TaskCorrelations, taskA) * Correlation(Hyperparameters.TaskCorrelations, taskB);

    private static double Correlation(double[] correlations, int task) => task == 0 ? 1 : correlations[task - 1];

    private static void ValidateTasks(IReadOnlyList<int>? tasks, int count, int earlierTasks)
    {
        if (tasks is null)
        {
            return;
        }
        if (tasks.Count != count)
        {
            throw new ArgumentException($"Need a task for each of the {count} inputs, got {tasks.Count}.", nameof(tasks));
        }
        if (tasks.Any(t => t < 0 || t > earlierTasks))
        {
            throw new ArgumentException($"Tasks run from 0 to {earlierTasks}, the number of earlier tasks.", nameof(tasks));
        }
    }

    /// <summary>The spatial Matérn 5/2 covariance of two inputs (within one task, without its offset).</summary>
    public double Kernel(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var ls = Hyperparameters.LengthScales;
        var r2 = 0.0;
        for (var d = 0; d < ls.Length; d++)
        {
            var t = (a[d] - b[d]) / ls[d];
            r2 += t * t;
        }
        var r = Math.Sqrt(r2);
        return Hyperparameters.SignalVariance * (1 + Sqrt5 * r + 5.0 / 3.0 * r2) * Math.Exp(-Sqrt5 * r);
    }

    /// <summary>
    /// Fits hyperparameters to (standardized) targets by maximum marginal likelihood with weak priors: L-BFGS from
    /// a neutral start and from <paramref name="restarts"/> random starts; the best optimum wins. Over several tasks,
    /// <paramref name="tasks"/> gives each input's task and <paramref name="taskPriors"/> the correlation expected of
    /// each earlier task (1 onwards) with task 0, the centre of a weak prior on the fitted correlation.
    /// </summary>
    public static GpHyperparameters Fit(
        IReadOnlyList<double[]> inputs, IReadOnlyList<double> targets, Random random, int restarts = 1, int maxIterations = 40,
        IReadOnlyList<int>? tasks = null, IReadOnlyList<double>? taskPriors = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(random);
        var earlier = taskPriors?.Count ?? 0;
        ValidateTasks(tasks, inputs.Count, earlier);
        if (taskPriors is not null && taskPriors.Any(c => !(c > 0 && c < 1)))
        {
            throw new ArgumentException("Expected task correlations lie strictly between 0 and 1.", nameof(taskPriors));
        }
        var dims = inputs[0].Length;
        var priorLogits = taskPriors?.Select(Logit).ToArray() ?? [];
        var objective = new MarginalLikelihood(inputs, targets, tasks, priorLogits);
        var width = dims + 2 + earlier;
        var lower = new double[width];
        var upper = new double[width];
        for (var d = 0; d < dims; d++)
        {
            lower[d] = MinLogLength;
            upper[d] = MaxLogLength;
        }
        (lower[dims], upper[dims]) = (MinLogSignal, MaxLogSignal);
        (lower[dims + 1], upper[dims + 1]) = (MinLogNoise, MaxLogNoise);
        for (var t = 0; t < earlier; t++)
        {
            (lower[dims + 2 + t], upper[dims + 2 + t]) = (-MaxTaskLogit, MaxTaskLogit);
        }

        var starts = new List<double[]>();
        var neutral = new double[width];
        Array.Fill(neutral, Math.Log(0.5), 0, dims);
        neutral[dims] = 0;
        neutral[dims + 1] = Math.Log(1e-3);
        priorLogits.CopyTo(neutral, dims + 2);
        starts.Add(neutral);
        for (var r = 0; r < restarts; r++)
        {
            var s = new double[width];
            for (var d = 0; d < dims; d++)
            {
                s[d] = Math.Log(0.05) + random.NextDouble() * (Math.Log(3) - Math.Log(0.05));
            }
            s[dims] = random.NextDouble() - 0.5;
            s[dims + 1] = Math.Log(1e-5) + random.NextDouble() * (Math.Log(0.1) - Math.Log(1e-5));
            for (var t = 0; t < earlier; t++)
            {
                s[dims + 2 + t] = priorLogits[t] + random.NextDouble() * 2 - 1;
            }
            starts.Add(s);
        }
        double[] best = neutral;
        var bestValue = double.PositiveInfinity;
        foreach (var s in starts)
        {
            var (x, value) = Lbfgs.Minimize(objective.Evaluate, s, lower, upper, maxIterations, tolerance: 1e-4);
            if (value < bestValue)
            {
                (best, bestValue) = (x, value);
            }
        }
        return new GpHyperparameters([.. best[..dims].Select(Math.Exp)], Math.Exp(best[dims]), Math.Exp(best[dims + 1]))
        {
            TaskCorrelations = [.. best[(dims + 2)..].Select(Logistic)],
            TaskOffsetVariance = earlier > 0 ? TaskOffsetVariance : 0,
        };
    }

    private static double Logit(double p) => Math.Log(p / (1 - p));

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>Negative log marginal likelihood plus priors, and its gradient in log-hyperparameters.</summary>
    private sealed class MarginalLikelihood
    {
        private const double LengthPriorMean = -0.7;  // log 0.5
        private const double LengthPriorVariance = 4.0;
        private const double SignalPriorVariance = 4.0;
        private const double NoisePriorMean = -6.9;   // log 1e-3
        private const double NoisePriorVariance = 16.0;
        private const double TaskPriorVariance = 2.0;

        private readonly int _n;
        private readonly int _dims;
        private readonly double[] _y;
        // Squared differences per pair (i > j) and input: _sq[pair * dims + d].
        private readonly double[] _sq;
        private readonly double[] _k;
        private readonly double[] _kf;
        private readonly double[] _r;
        private readonly int[] _tasks;
        private readonly double[] _taskPriorLogits;
        private readonly double _offset;

        public MarginalLikelihood(IReadOnlyList<double[]> inputs, IReadOnlyList<double> targets, IReadOnlyList<int>? tasks, double[] taskPriorLogits)
        {
            _n = inputs.Count;
            _dims = inputs[0].Length;
            _y = [.. targets];
            _tasks = tasks is null ? new int[_n] : [.. tasks];
            _taskPriorLogits = taskPriorLogits;
            _offset = taskPriorLogits.Length > 0 ? TaskOffsetVariance : 0;
            var pairs = _n * (_n - 1) / 2;
            _sq = new double[pairs * _dims];
            var p = 0;
            for (var i = 1; i < _n; i++)
            {
                for (var j = 0; j < i; j++, p++)
                {
                    for (var d = 0; d < _dims; d++)
                    {
                        var t = inputs[i][d] - inputs[j][d];
                        _sq[p * _dims + d] = t * t;
                    }
                }
            }
            _k = new double[_n * _n];
            _kf = new double[pairs];
            _r = new double[pairs];
        }

        public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
        {
            var n = _n;
            var dims = _dims;
            var inv2 = new double[dims];
            for (var d = 0; d < dims; d++)
            {
                inv2[d] = Math.Exp(-2 * theta[d]);
            }
            var signal = Math.Exp(theta[dims]);
            var noise = Math.Exp(theta[dims + 1]);
            var earlier = _taskPriorLogits.Length;
            var correlation = new double[earlier + 1];
            correlation[0] = 1;
            for (var t = 0; t < earlier; t++)
            {
                correlation[t + 1] = Logistic(theta[dims + 2 + t]);
            }
            var p = 0;
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < i; j++, p++)
                {
                    var r2 = 0.0;
                    for (var d = 0; d < dims; d++)
                    {
                        r2 += _sq[p * dims + d] * inv2[d];
                    }
                    var r = Math.Sqrt(r2);
                    _r[p] = r;
                    // The spatial kernel scaled by the tasks' correlation (1 within a task, which has its offset).
                    var sameTask = _tasks[i] == _tasks[j];
                    var kf = signal * (1 + Sqrt5 * r + 5.0 / 3.0 * r2) * Math.Exp(-Sqrt5 * r)
                        * (sameTask ? 1 : correlation[_tasks[i]] * correlation[_tasks[j]]);
                    _kf[p] = kf;
                    _k[i * n + j] = kf + (sameTask ? _offset : 0);
                }
                _k[i * n + i] = signal + noise + _offset;
            }
            CholeskyFactor factor;
            try
            {
                factor = CholeskyFactor.Factor(_k, n);
            }
            catch (ArgumentException)
            {
                return double.PositiveInfinity;
            }
            var alpha = (double[])_y.Clone();
            factor.Solve(alpha);
            var value = 0.5 * VectorMath.Dot(_y, alpha) + factor.HalfLogDeterminant() + 0.5 * n * Math.Log(2 * Math.PI);

            // dNLL/dθ = ½ tr((K⁻¹ − ααᵀ) ∂K/∂θ).
            var inv = factor.Inverse();
            gradient.Clear();
            var traceW = 0.0;
            for (var i = 0; i < n; i++)
            {
                traceW += inv[i * n + i] - alpha[i] * alpha[i];
            }
            var signalGrad = 0.5 * traceW * signal;
            p = 0;
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < i; j++, p++)
                {
                    // Off-diagonal pairs appear twice in the trace.
                    var w = 2 * (inv[i * n + j] - alpha[i] * alpha[j]);
                    signalGrad += 0.5 * w * _kf[p];
                    var r = _r[p];
                    var (ti, tj) = (_tasks[i], _tasks[j]);
                    var taskFactor = ti == tj ? 1 : correlation[ti] * correlation[tj];
                    var common = 0.5 * w * signal * taskFactor * (5.0 / 3.0) * (1 + Sqrt5 * r) * Math.Exp(-Sqrt5 * r);
                    for (var d = 0; d < dims; d++)
                    {
                        gradient[d] += common * _sq[p * dims + d] * inv2[d];
                    }
                    // d(ρ)/d(logit ρ) = ρ(1 − ρ): each earlier task of the pair moves its product of correlations.
                    if (ti != tj)
                    {
                        if (ti > 0)
                        {
                            gradient[dims + 1 + ti] += 0.5 * w * _kf[p] * (1 - correlation[ti]);
                        }
                        if (tj > 0)
                        {
                            gradient[dims + 1 + tj] += 0.5 * w * _kf[p] * (1 - correlation[tj]);
                        }
                    }
                }
            }
            gradient[dims] = signalGrad;
            gradient[dims + 1] = 0.5 * traceW * noise;

            // Weak log-normal priors (MAP rather than plain ML: keeps small data sets from degenerate fits).
            for (var d = 0; d < dims; d++)
            {
                var z = theta[d] - LengthPriorMean;
                value += 0.5 * z * z / LengthPriorVariance;
                gradient[d] += z / LengthPriorVariance;
            }
            value += 0.5 * theta[dims] * theta[dims] / SignalPriorVariance;
            gradient[dims] += theta[dims] / SignalPriorVariance;
            var zn = theta[dims + 1] - NoisePriorMean;
            value += 0.5 * zn * zn / NoisePriorVariance;
            gradient[dims + 1] += zn / NoisePriorVariance;
            for (var t = 0; t < earlier; t++)
            {
                var zt = theta[dims + 2 + t] - _taskPriorLogits[t];
                value += 0.5 * zt * zt / TaskPriorVariance;
                gradient[dims + 2 + t] += zt / TaskPriorVariance;
            }
            return value;
        }
    }
}
