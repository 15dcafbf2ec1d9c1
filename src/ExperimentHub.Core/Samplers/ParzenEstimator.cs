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
    }

    /// <summary>Draws a point (group coordinates only, snapped to the parameters' values) into <paramref name="destination"/>.</summary>
    public void Sample(Random random, Span<double> destination)
    {
        // Pick a component by weight, then draw each coordinate from its kernel.
        var u = random.NextDouble();
        var c = 0;
        var acc = 0.0;
        for (; c < _logWeights.Length - 1; c++)
        {
            acc += Math.Exp(_logWeights[c]);
            if (u < acc)
            {
                break;
            }
        }
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
        var max = double.NegativeInfinity;
        Span<double> terms = _logWeights.Length <= 512 ? stackalloc double[_logWeights.Length] : new double[_logWeights.Length];
        for (var c = 0; c < _logWeights.Length; c++)
        {
            var t = _logWeights[c];
            for (var k = 0; k < _dims.Length; k++)
            {
                var p = _parameters[k];
                if (p.Kind == ParameterKind.Categorical)
                {
                    var choices = p.Choices.Count;
                    var index = Math.Min((int)(x[k] * choices), choices - 1);
                    var chosen = (int)_mu[c][k];
                    var mass = chosen < 0 ? 1.0 / choices : ((index == chosen ? 1 : 0) + _categoricalSmoothing / choices) / (1 + _categoricalSmoothing);
                    t += Math.Log(mass);
                }
                else
                {
                    var z = (x[k] - _mu[c][k]) / _sigma[c][k];
                    t += NormalMath.LogPdf(z) - _logNorm[c][k];
                }
            }
            terms[c] = t;
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
