using ExperimentHub.Core.Numerics;

namespace ExperimentHub.Core.Tests.Numerics;

public class LinearAlgebraTests
{
    private static double[] RandomSpd(int n, Random random)
    {
        var a = new double[n * n];
        var b = Enumerable.Range(0, n * n).Select(_ => random.NextDouble() - 0.5).ToArray();
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var s = 0.0;
                for (var k = 0; k < n; k++)
                {
                    s += b[i * n + k] * b[j * n + k];
                }
                a[i * n + j] = s + (i == j ? n * 0.1 : 0);
            }
        }
        return a;
    }

    [Fact]
    public void Inverse_times_matrix_is_identity_and_solve_matches()
    {
        const int n = 23;
        var a = RandomSpd(n, new Random(3));
        var f = CholeskyFactor.Factor(a, n);
        var inv = f.Inverse();
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var s = 0.0;
                for (var k = 0; k < n; k++)
                {
                    s += a[i * n + k] * inv[k * n + j];
                }
                Assert.Equal(i == j ? 1 : 0, s, 8);
            }
        }
        var b = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        var x = (double[])b.Clone();
        f.Solve(x);
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(b[i], Enumerable.Range(0, n).Sum(k => a[i * n + k] * x[k]), 8);
        }
    }

    [Fact]
    public void Appending_rows_gives_the_factor_of_the_bordered_matrix()
    {
        const int n = 12;
        var a = RandomSpd(n, new Random(5));
        var full = CholeskyFactor.Factor(a, n);
        var lead = new double[(n - 2) * (n - 2)];
        for (var i = 0; i < n - 2; i++)
        {
            Array.Copy(a, i * n, lead, i * (n - 2), n - 2);
        }
        var grown = CholeskyFactor.Factor(lead, n - 2);
        for (var r = n - 2; r < n; r++)
        {
            grown.Append(a.AsSpan(r * n, r), a[r * n + r]);
        }
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                Assert.Equal(full.Row(i)[j], grown.Row(i)[j], 10);
            }
        }
    }

    [Fact]
    public void Lbfgs_minimizes_a_bounded_rosenbrock()
    {
        static double F(ReadOnlySpan<double> x, Span<double> g)
        {
            g[0] = -2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]);
            g[1] = 200 * (x[1] - x[0] * x[0]);
            return Math.Pow(1 - x[0], 2) + 100 * Math.Pow(x[1] - x[0] * x[0], 2);
        }
        var (x, value) = Lbfgs.Minimize(F, [-1.2, 1], [-2, -2], [2, 2], maxIterations: 500, tolerance: 1e-14);
        Assert.True(value < 1e-6, $"value {value}");
        Assert.Equal(1, x[0], 2);
        // With the optimum outside the box the answer sits on the bound.
        var (bounded, _) = Lbfgs.Minimize(F, [0, 0], [-2, -2], [0.5, 2], maxIterations: 500, tolerance: 1e-14);
        Assert.Equal(0.5, bounded[0], 6);
    }

    [Fact]
    public void Log_expected_improvement_stays_finite_and_accurate_in_the_tail()
    {
        Assert.Equal(Math.Log(NormalMath.Pdf(0)), NormalMath.LogH(0), 10);
        // Continuity across the switch to the asymptotic form.
        Assert.Equal(NormalMath.LogH(-5.9999), NormalMath.LogH(-6.0001), 2);
        Assert.Equal(-37.1223642617, NormalMath.LogH(-8), 5);
        Assert.True(double.IsFinite(NormalMath.LogH(-60)));
        Assert.True(NormalMath.LogH(-60) < NormalMath.LogH(-50));
        Assert.Equal(Math.Log(NormalMath.Cdf(-10)), NormalMath.LogCdf(-10), 8);
        Assert.Equal(NormalMath.LogCdf(-19.9999), NormalMath.LogCdf(-20.0001), 2);
    }

    [Fact]
    public void Gaussian_process_interpolates_and_is_uncertain_far_from_data()
    {
        var inputs = Enumerable.Range(0, 12).Select(i => new[] { i / 11.0 }).ToList();
        var targets = inputs.Select(x => Math.Sin(6 * x[0])).ToArray();
        var mean = targets.Average();
        var sd = Math.Sqrt(targets.Select(t => (t - mean) * (t - mean)).Average());
        var standardized = targets.Select(t => (t - mean) / sd).ToArray();
        var hyper = GaussianProcess.Fit(inputs, standardized, new Random(1), restarts: 2);
        var gp = new GaussianProcess(inputs, standardized, hyper);
        var scratch = new double[32];
        var (m, v) = gp.Predict([0.5 / 11], scratch);
        Assert.Equal(Math.Sin(6 * 0.5 / 11), m * sd + mean, 1);
        var (_, far) = gp.Predict([3.0], scratch);
        Assert.True(far > 10 * v);
        // A fantasy at a point leaves the mean and shrinks the variance there.
        var (m2Before, v2Before) = gp.Predict([0.95], scratch);
        gp.AddFantasy([0.95]);
        var (m2After, v2After) = gp.Predict([0.95], scratch);
        Assert.Equal(m2Before, m2After, 10);
        Assert.True(v2After < v2Before);
    }
}
