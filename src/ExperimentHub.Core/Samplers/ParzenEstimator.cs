using ExperimentHub.Core.Numerics;
using ExperimentHub.Core.Spaces;

namespace ExperimentHub.Core.Samplers;

/// <summary>
/// A Parzen (kernel) density over a group of unit-cube coordinates: one component per observation plus a flat
/// prior. Numeric coordinates get truncated Gaussians on [0, 1] whose widths adapt to the distance to the
/// neighbouring observations (Bergstra et al.), clipped below so a few close points do not collapse them;
/// categorical coordinates get the observed choice smoothed towards uniform.
/// </summary>
internal sealed class ParzenEstimator
{
    private readonly ParameterDefinition[] _parameters;
    private readonly int[] _dims;
    private readonly double[] _logWeights;
    // Per component and coordinate: centre, width, log normalizer (numeric) or chosen index (categorical).
    private readonly double[][] _mu;
    private readonly double[][] _sigma;
    private readonly double[][] _logNorm;
    private readonly double _categoricalSmoothing;
    // The same kernels laid out per coordinate, for LogDensity's inner loop over components (contiguous, no divisions).
    private readonly double[][] _muByDim;
    private readonly double[][] _inverseSigmaByDim;
    private readonly double[][] _logOffsetByDim;
    private readonly double[][] _categoricalLogMass;
    // Running sums of the component weights, as Sample's draw walks them.
    private readonly double[] _cumulativeWeights;

    public ParzenEstimator(ParameterDefinition[] parameters, int[] dims, IReadOnlyList<double[]> points, double priorWeight)
    {
        _parameters = parameters;
        _dims = dims;
        var n = points.Count;
        var components = n + 1;
        _mu = new double[components][];
        _sigma = new double[components][];
        _logNorm = new double[components][];
        for (var c = 0; c < components; c++)
        {
            _mu[c] = new double[dims.Length];
            _sigma[c] = new double[dims.Length];
            _logNorm[c] = new double[dims.Length];
        }
        var total = n + priorWeight;
        _logWeights = new double[components];
        for (var c = 0; c < n; c++)
        {
            _logWeights[c] = Math.Log(1.0 / total);
        }
        _logWeights[n] = Math.Log(priorWeight / total);
        _categoricalSmoothing = priorWeight;
        var minSigma = 1.0 / Math.Min(100, 1 + n);
        for (var k = 0; k < dims.Length; k++)
        {
            var p = parameters[k];
            if (p.Kind == ParameterKind.Categorical)
            {
                for (var c = 0; c < n; c++)
                {
                    _mu[c][k] = Math.Min((int)(points[c][dims[k]] * p.Choices.Count), p.Choices.Count - 1);
                }
                _mu[n][k] = -1;
                continue;
            }
            // Widths from the gaps to the neighbours in sorted order, the prior's centre 0.5 included.
            var order = Enumerable.Range(0, n).OrderBy(c => points[c][dims[k]]).ToArray();
            var sorted = order.Select(c => points[c][dims[k]]).ToArray();
            for (var r = 0; r < n; r++)
            {
                var x = sorted[r];
                var left = r > 0 ? x - sorted[r - 1] : x;
                var right = r < n - 1 ? sorted[r + 1] - x : 1 - x;
                var sigma = Math.Clamp(Math.Max(left, right), minSigma, 1.0);
                var c = order[r];
                _mu[c][k] = x;
                _sigma[c][k] = sigma;
            }
            _mu[n][k] = 0.5;
            _sigma[n][k] = 1.0;
            for (var c = 0; c < components; c++)
            {
                var mass = NormalMath.Cdf((1 - _mu[c][k]) / _sigma[c][k]) - NormalMath.Cdf(-_mu[c][k] / _sigma[c][k]);
                _logNorm[c][k] = Math.Log(_sigma[c][k]) + Math.Log(Math.Max(mass, 1e-300));
            }
        }

        _muByDim = new double[dims.Length][];
        _inverseSigmaByDim = new double[dims.Length][];
        _logOffsetByDim = new double[dims.Length][];
        _categoricalLogMass = new double[dims.Length][];
        for (var k = 0; k < dims.Length; k++)
        {
            _muByDim[k] = new double[components];
            _inverseSigmaByDim[k] = new double[components];
            _logOffsetByDim[k] = new double[components];
            for (var c = 0; c < components; c++)
            {
                _muByDim[k][c] = _mu[c][k];
                if (parameters[k].Kind != ParameterKind.Categorical)
                {
                    _inverseSigmaByDim[k][c] = 1 / _sigma[c][k];
                    _logOffsetByDim[k][c] = NormalMath.LogPdf(0) - _logNorm[c][k];
                }
            }
            if (parameters[k].Kind == ParameterKind.Categorical)
            {
                // The log mass of a candidate's choice under a component: [match, other choice, the flat prior].
                var choices = parameters[k].Choices.Count;
                _categoricalLogMass[k] =
                [
                    Math.Log((1 + _categoricalSmoothing / choices) / (1 + _categoricalSmoothing)),
                    Math.Log(_categoricalSmoothing / choices / (1 + _categoricalSmoothing)),
                    Math.Log(1.0 / choices),
                ];
            }
        }

        _cumulativeWeights = new double[components];
        var running = 0.0;
        for (var c = 0; c < components; c++)
        {
            running += Math.Exp(_logWeights[c]);
            _cumulativeWeights[c] = running;
        }
    }

    /// <summary>Draws a point (group coordinates only, snapped to the parameters' values) into <paramref name="destination"/>.</summary>
    public void Sample(Random random, Span<double> destination)
    {
        // Pick a component by weight, then draw each coordinate from its kernel.
        var u = random.NextDouble();
        // The first component whose running weight passes u; the prior (last) takes what rounding leaves.
        var c = Array.BinarySearch(_cumulativeWeights, 0, _cumulativeWeights.Length - 1, u);
        c = c >= 0 ? c + 1 : ~c;
        for (var k = 0; k < _dims.Length; k++)
        {
            var p = _parameters[k];
            if (p.Kind == ParameterKind.Categorical)
            {
                var choices = p.Choices.Count;
                var chosen = (int)_mu[c][k];
                // The observed choice with weight 1, every choice with the smoothing weight spread evenly.
                var index = chosen >= 0 && random.NextDouble() < 1 / (1 + _categoricalSmoothing)
                    ? chosen
                    : random.Next(choices);
                destination[k] = (index + 0.5) / choices;
                continue;
            }
            var mu = _mu[c][k];
            var sigma = _sigma[c][k];
            var lo = NormalMath.Cdf(-mu / sigma);
            var hi = NormalMath.Cdf((1 - mu) / sigma);
            var q = lo + random.NextDouble() * (hi - lo);
            var x = mu + sigma * NormalMath.Quantile(Math.Clamp(q, 1e-300, 1 - 1e-16));
            destination[k] = p.ToUnit(p.FromUnit(Math.Clamp(x, 0, 1)));
        }
    }

    /// <summary>The log density at group coordinates <paramref name="x"/>.</summary>
    public double LogDensity(ReadOnlySpan<double> x)
    {
        var components = _logWeights.Length;
        Span<double> terms = components <= 512 ? stackalloc double[components] : new double[components];
        _logWeights.CopyTo(terms);
        for (var k = 0; k < _dims.Length; k++)
        {
            var mu = _muByDim[k];
            var p = _parameters[k];
            if (p.Kind == ParameterKind.Categorical)
            {
                var index = Math.Min((int)(x[k] * p.Choices.Count), p.Choices.Count - 1);
                var logMass = _categoricalLogMass[k];
                for (var c = 0; c < components; c++)
                {
                    var chosen = (int)mu[c];
                    terms[c] += chosen < 0 ? logMass[2] : chosen == index ? logMass[0] : logMass[1];
                }
                continue;
            }
            var xk = x[k];
            var inverseSigma = _inverseSigmaByDim[k];
            var offset = _logOffsetByDim[k];
            for (var c = 0; c < components; c++)
            {
                var z = (xk - mu[c]) * inverseSigma[c];
                terms[c] += offset[c] - 0.5 * z * z;
            }
        }
        var max = double.NegativeInfinity;
        foreach (var t in terms)
        {
            max = Math.Max(max, t);
        }
        var sum = 0.0;
        foreach (var t in terms)
        {
            sum += Math.Exp(t - max);
        }
        return max + Math.Log(sum);
    }
}
