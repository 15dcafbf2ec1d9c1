namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// Whether a point lies in the basin of a global minimum: a compass search started there, downhill only and inside
/// the box, must end at the known optimum. This needs no list of minimizers, so it holds for any function.
/// </summary>
internal static class BasinCheck
{
    public static bool InGlobalBasin(QualityProblem problem, double[] start)
    {
        var x = (double[])start.Clone();
        var value = Evaluate(problem, x);
        var step = 0.01;
        var evaluations = 0;
        while (step > 1e-7 && evaluations < 20_000)
        {
            var moved = false;
            for (var d = 0; d < x.Length && !moved; d++)
            {
                foreach (var sign in (int[])[1, -1])
                {
                    var candidate = (double[])x.Clone();
                    candidate[d] = Math.Clamp(candidate[d] + sign * step, 0, 1);
                    var v = Evaluate(problem, candidate);
                    evaluations++;
                    if (v < value)
                    {
                        (x, value, moved) = (candidate, v, true);
                        break;
                    }
                }
            }
            if (!moved)
            {
                step /= 2;
            }
        }
        return value - problem.Optimum <= 1e-3 * Math.Max(1, Math.Abs(problem.Optimum));
    }

    private static double Evaluate(QualityProblem problem, double[] unit) => problem.Evaluate(problem.Space.Decode(unit));
}
