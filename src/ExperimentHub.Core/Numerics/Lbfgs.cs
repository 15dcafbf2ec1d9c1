namespace ExperimentHub.Core.Numerics;

/// <summary>
/// Limited-memory BFGS with box bounds handled by projection and a backtracking (Armijo) line search along the
/// projected path. Small and dependable for the few-dozen-dimensional smooth problems of hyperparameter fitting.
/// </summary>
public static class Lbfgs
{
    /// <summary>A function value and its gradient, written into the second argument.</summary>
    public delegate double Objective(ReadOnlySpan<double> x, Span<double> gradient);

    /// <summary>Minimizes <paramref name="f"/> from <paramref name="start"/>; returns the best point and value found.</summary>
    public static (double[] X, double Value) Minimize(
        Objective f, double[] start, double[] lower, double[] upper, int maxIterations = 50, int memory = 6, double tolerance = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(lower);
        ArgumentNullException.ThrowIfNull(upper);
        var n = start.Length;
        var x = new double[n];
        for (var i = 0; i < n; i++)
        {
            x[i] = Math.Clamp(start[i], lower[i], upper[i]);
        }
        var g = new double[n];
        var fx = f(x, g);
        if (!double.IsFinite(fx))
        {
            return (x, fx);
        }
        var sList = new List<double[]>();
        var yList = new List<double[]>();
        var direction = new double[n];
        var trial = new double[n];
        var trialGradient = new double[n];
        var alpha = new double[memory];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            // Two-loop recursion for d = -H g.
            for (var i = 0; i < n; i++)
            {
                direction[i] = -g[i];
            }
            for (var k = sList.Count - 1; k >= 0; k--)
            {
                var rho = 1 / VectorMath.Dot(yList[k], sList[k]);
                alpha[k] = rho * VectorMath.Dot(sList[k], direction);
                for (var i = 0; i < n; i++)
                {
                    direction[i] -= alpha[k] * yList[k][i];
                }
            }
            if (sList.Count > 0)
            {
                var last = sList.Count - 1;
                var gamma = VectorMath.Dot(sList[last], yList[last]) / VectorMath.Dot(yList[last], yList[last]);
                for (var i = 0; i < n; i++)
                {
                    direction[i] *= gamma;
                }
            }
            for (var k = 0; k < sList.Count; k++)
            {
                var rho = 1 / VectorMath.Dot(yList[k], sList[k]);
                var beta = rho * VectorMath.Dot(yList[k], direction);
                for (var i = 0; i < n; i++)
                {
                    direction[i] += sList[k][i] * (alpha[k] - beta);
                }
            }
            // Variables pinned at a bound and pushed outward stay put.
            for (var i = 0; i < n; i++)
            {
                if ((x[i] <= lower[i] && direction[i] < 0) || (x[i] >= upper[i] && direction[i] > 0))
                {
                    direction[i] = 0;
                }
            }
            var slope = VectorMath.Dot(direction, g);
            if (!(slope < 0))
            {
                // Not a descent direction: fall back to steepest descent once, then stop.
                sList.Clear();
                yList.Clear();
                for (var i = 0; i < n; i++)
                {
                    direction[i] = (x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0) ? 0 : -g[i];
                }
                slope = VectorMath.Dot(direction, g);
                if (!(slope < 0))
                {
                    break;
                }
            }
            var step = sList.Count == 0 ? Math.Min(1.0, 1.0 / Math.Sqrt(VectorMath.SquaredNorm(direction))) : 1.0;
            double ft = double.NaN;
            var accepted = false;
            for (var attempt = 0; attempt < 25; attempt++)
            {
                for (var i = 0; i < n; i++)
                {
                    trial[i] = Math.Clamp(x[i] + step * direction[i], lower[i], upper[i]);
                }
                ft = f(trial, trialGradient);
                var decrease = 0.0;
                for (var i = 0; i < n; i++)
                {
                    decrease += g[i] * (trial[i] - x[i]);
                }
                if (double.IsFinite(ft) && ft <= fx + 1e-4 * decrease)
                {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted)
            {
                break;
            }
            var s = new double[n];
            var y = new double[n];
            for (var i = 0; i < n; i++)
            {
                s[i] = trial[i] - x[i];
                y[i] = trialGradient[i] - g[i];
            }
            var improvement = fx - ft;
            Array.Copy(trial, x, n);
            Array.Copy(trialGradient, g, n);
            fx = ft;
            if (VectorMath.Dot(s, y) > 1e-12)
            {
                if (sList.Count == memory)
                {
                    sList.RemoveAt(0);
                    yList.RemoveAt(0);
                }
                sList.Add(s);
                yList.Add(y);
            }
            if (improvement < tolerance * Math.Max(1, Math.Abs(fx)))
            {
                break;
            }
        }
        return (x, fx);
    }
}
