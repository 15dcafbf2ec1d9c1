using MathNet.Numerics.LinearAlgebra;

namespace ExperimentHub.Core.Samplers;

/// <summary>
/// The state of a CMA-ES run in the unit cube (Hansen, "The CMA Evolution Strategy: A Tutorial", 2016): mean, step
/// size, covariance and evolution paths, with the tutorial's default weights (negative ones included: active CMA, as
/// the library behind Optuna's CMA-ES) and learning rates. Points are told one
/// generation at a time; each step is measured from the mean of the generation that is updated and its
/// Mahalanobis length clipped (Hansen 2011, injecting external solutions), so points drawn from an older state
/// (a parallel sweep runs ahead of its generations) update the state safely.
/// </summary>
internal sealed class CmaEvolution
{
    private readonly int _n;
    /// <summary>One weight per rank, best first: positive for the better half, negative for the rest.</summary>
    private readonly double[] _weights;
    private readonly double _muEff;
    private readonly double _cSigma;
    private readonly double _dSigma;
    private readonly double _cC;
    private readonly double _c1;
    private readonly double _cMu;
    private readonly double _chiN;
    private Vector<double> _mean;
    private Vector<double> _pathSigma;
    private Vector<double> _pathC;
    private Matrix<double> _covariance;
    private Matrix<double> _transform;       // B·D: a standard normal draw times this is a step of covariance C
    private Matrix<double> _inverseSqrt;     // C^(-1/2)
    private double _sigma;
    private int _generation;

    public CmaEvolution(double[] mean, double sigma, int populationSize)
    {
        _n = mean.Length;
        PopulationSize = populationSize;
        var n = (double)_n;
        var mu = populationSize / 2;
        // Weights for every rank (Hansen 2016, eq. 49–53): the better half positive, summing to 1, for the mean and the
        // rank-μ update; the worse half negative (active CMA), which shrinks the covariance along steps that did badly.
        var prime = new double[populationSize];
        for (var i = 0; i < populationSize; i++)
        {
            prime[i] = Math.Log((populationSize + 1) / 2.0) - Math.Log(i + 1);
        }
        var positive = prime.Take(mu).ToArray();
        var negative = prime.Skip(mu).Where(w => w < 0).ToArray();
        _muEff = Math.Pow(positive.Sum(), 2) / positive.Sum(w => w * w);
        _cSigma = (_muEff + 2) / (n + _muEff + 5);
        _dSigma = 1 + 2 * Math.Max(0, Math.Sqrt((_muEff - 1) / (n + 1)) - 1) + _cSigma;
        _cC = (4 + _muEff / n) / (n + 4 + 2 * _muEff / n);
        _c1 = 2 / ((n + 1.3) * (n + 1.3) + _muEff);
        _cMu = Math.Min(1 - _c1 - 1e-8, 2 * (_muEff - 2 + 1 / _muEff) / ((n + 2) * (n + 2) + _muEff));
        var negativeScale = 0.0;
        if (negative.Length > 0)
        {
            var muEffMinus = Math.Pow(negative.Sum(), 2) / negative.Sum(w => w * w);
            var alphaMu = 1 + _c1 / _cMu;
            var alphaMuEff = 1 + 2 * muEffMinus / (_muEff + 2);
            var alphaPositiveDefinite = (1 - _c1 - _cMu) / (n * _cMu);
            negativeScale = Math.Min(alphaMu, Math.Min(alphaMuEff, alphaPositiveDefinite)) / -negative.Sum();
        }
        var positiveSum = positive.Sum();
        _weights = [.. prime.Select(w => w >= 0 ? w / positiveSum : w * negativeScale)];
        _chiN = Math.Sqrt(n) * (1 - 1 / (4 * n) + 1 / (21 * n * n));
        _mean = Vector<double>.Build.DenseOfArray(mean);
        _pathSigma = Vector<double>.Build.Dense(_n);
        _pathC = Vector<double>.Build.Dense(_n);
        _covariance = Matrix<double>.Build.DenseIdentity(_n);
        _transform = Matrix<double>.Build.DenseIdentity(_n);
        _inverseSqrt = Matrix<double>.Build.DenseIdentity(_n);
        _sigma = sigma;
    }

    public int PopulationSize { get; }

    public double Sigma => _sigma;

    public double[] Mean => _mean.ToArray();

    /// <summary>A draw from N(m, σ²C), redrawn while it leaves the unit cube (then clipped, after many tries).</summary>
    public double[] Sample(Random random)
    {
        var z = Vector<double>.Build.Dense(_n);
        Vector<double> x = _mean;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            for (var d = 0; d < _n; d++)
            {
                z[d] = Numerics.NormalMath.Sample(random);
            }
            x = _mean + _sigma * (_transform * z);
            if (x.All(v => v is >= 0 and <= 1))
            {
                return x.ToArray();
            }
        }
        return [.. x.Select(v => Math.Clamp(v, 0, 1))];
    }

    /// <summary>Updates the state with one generation's points, ordered best first.</summary>
    public void Tell(IReadOnlyList<double[]> rankedPoints)
    {
        var maxLength = Math.Sqrt(_n) + 2.0 * _n / (_n + 2);
        var count = Math.Min(_weights.Length, rankedPoints.Count);
        var steps = new List<Vector<double>>(count);
        var lengths = new double[count];
        for (var i = 0; i < count; i++)
        {
            var y = (Vector<double>.Build.DenseOfArray(rankedPoints[i]) - _mean) / _sigma;
            var length = (_inverseSqrt * y).L2Norm();
            var clipped = length > maxLength;
            steps.Add(clipped ? y * (maxLength / length) : y);
            lengths[i] = clipped ? maxLength : length;
        }
        var yw = Vector<double>.Build.Dense(_n);
        for (var i = 0; i < steps.Count; i++)
        {
            if (_weights[i] > 0)
            {
                yw += _weights[i] * steps[i];
            }
        }
        _mean = _mean + _sigma * yw;
        for (var d = 0; d < _n; d++)
        {
            _mean[d] = Math.Clamp(_mean[d], 0, 1);
        }
        _pathSigma = (1 - _cSigma) * _pathSigma + Math.Sqrt(_cSigma * (2 - _cSigma) * _muEff) * (_inverseSqrt * yw);
        _generation++;
        var normSigma = _pathSigma.L2Norm();
        var hSigma = normSigma / Math.Sqrt(1 - Math.Pow(1 - _cSigma, 2 * _generation)) < (1.4 + 2.0 / (_n + 1)) * _chiN ? 1.0 : 0.0;
        _pathC = (1 - _cC) * _pathC + hSigma * Math.Sqrt(_cC * (2 - _cC) * _muEff) * yw;
        var rankMu = Matrix<double>.Build.Dense(_n, _n);
        var weightSum = 0.0;
        for (var i = 0; i < steps.Count; i++)
        {
            // A negative weight acts on the step rescaled to the expected Mahalanobis length (eq. 46), so a long bad step
            // cannot make the covariance lose definiteness.
            var weight = _weights[i] >= 0 ? _weights[i] : _weights[i] * _n / Math.Max(lengths[i] * lengths[i], 1e-20);
            rankMu += weight * steps[i].OuterProduct(steps[i]);
            weightSum += _weights[i];
        }
        _covariance = (1 + (1 - hSigma) * _c1 * _cC * (2 - _cC) - _c1 - _cMu * weightSum) * _covariance
            + _c1 * _pathC.OuterProduct(_pathC)
            + _cMu * rankMu;
        _sigma = Math.Clamp(_sigma * Math.Exp(_cSigma / _dSigma * (normSigma / _chiN - 1)), 1e-10, 1);
        Decompose();
    }

    private void Decompose()
    {
        // Symmetrize against round-off, then C = B D² Bᵀ.
        _covariance = 0.5 * (_covariance + _covariance.Transpose());
        var evd = _covariance.Evd(Symmetricity.Symmetric);
        var eigenvalues = evd.EigenValues.Select(e => Math.Max(e.Real, 1e-20)).ToArray();
        var b = evd.EigenVectors;
        var d = Matrix<double>.Build.DenseOfDiagonalArray([.. eigenvalues.Select(Math.Sqrt)]);
        var dInverse = Matrix<double>.Build.DenseOfDiagonalArray([.. eigenvalues.Select(e => 1 / Math.Sqrt(e))]);
        _transform = b * d;
        _inverseSqrt = b * dInverse * b.Transpose();
    }
}
