using MathNet.Numerics;

namespace ExperimentHub.Core.Numerics;

/// <summary>The standard normal density and distribution in forms that stay finite far in the tails.</summary>
public static class NormalMath
{
    private const double LogSqrt2Pi = 0.91893853320467274178;

    public static double Pdf(double z) => Math.Exp(-0.5 * z * z - LogSqrt2Pi);

    public static double LogPdf(double z) => -0.5 * z * z - LogSqrt2Pi;

    public static double Cdf(double z) => 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2));

    /// <summary>log Φ(z), accurate for very negative z where Φ(z) underflows.</summary>
    public static double LogCdf(double z)
    {
        if (z > -20)
        {
            return Math.Log(Cdf(z));
        }
        // Mills ratio: Φ(z) ≈ φ(z)/|z| (1 - 1/z² + 3/z⁴ - 15/z⁶).
        var w = 1 / (z * z);
        return LogPdf(z) - Math.Log(-z) + Math.Log(1 + w * (-1 + w * (3 - w * 15)));
    }

    /// <summary>
    /// log(z Φ(z) + φ(z)): the logarithm of expected improvement divided by σ, for improvement z in standard units.
    /// For very negative z the direct form cancels to zero, so an asymptotic expansion takes over.
    /// </summary>
    public static double LogH(double z)
    {
        if (z > -6)
        {
            return Math.Log(Math.Max(z * Cdf(z) + Pdf(z), 1e-300));
        }
        // z Φ(z) + φ(z) = φ(z) (1 - |z| R(|z|)) ≈ φ(z) / z² (1 - 3/z² + 15/z⁴ - 105/z⁶ + 945/z⁸) for large |z|.
        var w = 1 / (z * z);
        return LogPdf(z) + Math.Log(w) + Math.Log(1 + w * (-3 + w * (15 + w * (-105 + w * 945))));
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public static double Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>The quantile function Φ⁻¹(p).</summary>
    public static double Quantile(double p) => -Math.Sqrt(2) * SpecialFunctions.ErfcInv(2 * p);
}
