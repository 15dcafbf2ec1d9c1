using ExperimentHub.Core.Spaces;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>A test function with a known optimum, its search space, and a grid version of that space.</summary>
internal sealed record QualityProblem(
    string Name,
    SearchSpace Space,
    SearchSpace? GridSpace,
    Func<IReadOnlyDictionary<string, object>, double> Evaluate,
    double Optimum,
    int Budget)
{
    public static double Get(IReadOnlyDictionary<string, object> p, string name) => ParameterValues.ToDouble(p[name]);

    public static IReadOnlyList<QualityProblem> All { get; } =
    [
        new("branin",
            new SearchSpace([ParameterDefinition.Float("x1", -5, 10), ParameterDefinition.Float("x2", 0, 15)]),
            new SearchSpace([ParameterDefinition.Float("x1", -5, 10, step: 2.5), ParameterDefinition.Float("x2", 0, 15, step: 2.5)]),
            p => Branin(Get(p, "x1"), Get(p, "x2")),
            0.397887357729738,
            50),
        new("hartmann6",
            new SearchSpace(Enumerable.Range(0, 6).Select(i => ParameterDefinition.Float($"x{i}", 0, 1))),
            new SearchSpace(Enumerable.Range(0, 6).Select(i => ParameterDefinition.Float($"x{i}", 0, 1, step: 0.5))),
            p => Hartmann6([.. Enumerable.Range(0, 6).Select(i => Get(p, $"x{i}"))]),
            -3.32236801141551,
            100),
        new("rosenbrock4",
            new SearchSpace(Enumerable.Range(0, 4).Select(i => ParameterDefinition.Float($"x{i}", -2.048, 2.048))),
            new SearchSpace(Enumerable.Range(0, 4).Select(i => ParameterDefinition.Float($"x{i}", -2.048, 2.048, step: 2.048))),
            p => Rosenbrock([.. Enumerable.Range(0, 4).Select(i => Get(p, $"x{i}"))]),
            0,
            100),
        new("mixed",
            new SearchSpace([
                ParameterDefinition.Float("lr", 1e-4, 1, log: true),
                ParameterDefinition.Int("layers", 1, 16),
                ParameterDefinition.Categorical("optimizer", "sgd", "adam", "rmsprop"),
                ParameterDefinition.Float("dropout", 0, 0.8)]),
            new SearchSpace([
                ParameterDefinition.Float("lr", 1e-4, 1, log: true, step: 0.25),
                ParameterDefinition.Int("layers", 1, 16, step: 5),
                ParameterDefinition.Categorical("optimizer", "sgd", "adam", "rmsprop"),
                ParameterDefinition.Float("dropout", 0, 0.8, step: 0.4)]),
            Mixed,
            0,
            60),
    ];

    public static double Branin(double x1, double x2)
    {
        const double b = 5.1 / (4 * Math.PI * Math.PI);
        const double c = 5 / Math.PI;
        const double t = 1 / (8 * Math.PI);
        var a = x2 - b * x1 * x1 + c * x1 - 6;
        return a * a + 10 * (1 - t) * Math.Cos(x1) + 10;
    }

    public static double Hartmann6(double[] x)
    {
        double[] alpha = [1.0, 1.2, 3.0, 3.2];
        double[,] a =
        {
            { 10, 3, 17, 3.5, 1.7, 8 },
            { 0.05, 10, 17, 0.1, 8, 14 },
            { 3, 3.5, 1.7, 10, 17, 8 },
            { 17, 8, 0.05, 10, 0.1, 14 },
        };
        double[,] p =
        {
            { 0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886 },
            { 0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991 },
            { 0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650 },
            { 0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381 },
        };
        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var inner = 0.0;
            for (var j = 0; j < 6; j++)
            {
                var d = x[j] - p[i, j];
                inner += a[i, j] * d * d;
            }
            sum += alpha[i] * Math.Exp(-inner);
        }
        return -sum;
    }

    public static double Rosenbrock(double[] x)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length - 1; i++)
        {
            sum += 100 * Math.Pow(x[i + 1] - x[i] * x[i], 2) + Math.Pow(1 - x[i], 2);
        }
        return sum;
    }

    /// <summary>
    /// A training-run stand-in: the best learning rate depends on the optimizer, depth has an optimum at 6 layers,
    /// dropout matters less; the minimum 0 is at optimizer=adam, lr=1e-3, layers=6, dropout=0.2.
    /// </summary>
    public static double Mixed(IReadOnlyDictionary<string, object> p)
    {
        var optimizer = (string)p["optimizer"];
        var (bestLogLr, bias) = optimizer switch
        {
            "adam" => (-3.0, 0.0),
            "rmsprop" => (-2.5, 0.3),
            _ => (-1.0, 0.6),
        };
        var lr = Math.Log10(Get(p, "lr")) - bestLogLr;
        var layers = (Get(p, "layers") - 6) / 4;
        var dropout = Get(p, "dropout") - 0.2;
        return lr * lr + layers * layers + 2 * dropout * dropout + bias;
    }
}
