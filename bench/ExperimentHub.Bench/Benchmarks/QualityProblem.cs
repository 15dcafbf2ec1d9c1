using ExperimentHub.Core.Spaces;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// A test function with a known optimum, its search space, and a grid version of that space. Wide-range functions
/// have values that span orders of magnitude over the box, which is what pulls a naive model to the corners.
/// </summary>
internal sealed record QualityProblem(
    string Name,
    SearchSpace Space,
    SearchSpace? GridSpace,
    Func<IReadOnlyDictionary<string, object>, double> Evaluate,
    double Optimum,
    int Budget,
    bool WideRange = false)
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
            100,
            WideRange: true),
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

    /// <summary>
    /// Small multimodal functions (2–3 dimensions) for the global-basin test at 25 trials: three classics named by
    /// the issue, and four more of our own choosing that the sampler was not tuned on (six-hump camel,
    /// Hartmann-3, Styblinski–Tang, and Branin on a shifted box with its values scaled by 1,000).
    /// </summary>
    public static IReadOnlyList<QualityProblem> Multimodal { get; } =
    [
        new("branin", All[0].Space, null, All[0].Evaluate, All[0].Optimum, 25),
        new("goldstein_price",
            Square("x", -2, 2, 2),
            null,
            p => GoldsteinPrice(Get(p, "x0"), Get(p, "x1")),
            3,
            25,
            WideRange: true),
        new("himmelblau",
            Square("x", -5, 5, 2),
            null,
            p => Himmelblau(Get(p, "x0"), Get(p, "x1")),
            0,
            25,
            WideRange: true),
        new("sixhump",
            new SearchSpace([ParameterDefinition.Float("x0", -3, 3), ParameterDefinition.Float("x1", -2, 2)]),
            null,
            p => SixHumpCamel(Get(p, "x0"), Get(p, "x1")),
            -1.031628453489877,
            25,
            WideRange: true),
        new("hartmann3",
            Square("x", 0, 1, 3),
            null,
            p => Hartmann3([Get(p, "x0"), Get(p, "x1"), Get(p, "x2")]),
            -3.86278214782076,
            30),
        new("styblinski2",
            Square("x", -5, 5, 2),
            null,
            p => StyblinskiTang([Get(p, "x0"), Get(p, "x1")]),
            -78.33233140754282,
            25),
        new("branin_shifted",
            new SearchSpace([ParameterDefinition.Float("u", -4, 11), ParameterDefinition.Float("v", 1, 16)]),
            null,
            p => 5 + 1000 * (Branin(Get(p, "u"), Get(p, "v")) - 0.397887357729738),
            5,
            25,
            WideRange: true),
    ];

    private static SearchSpace Square(string prefix, double min, double max, int dims) =>
        new(Enumerable.Range(0, dims).Select(i => ParameterDefinition.Float($"{prefix}{i}", min, max)));

    public static double GoldsteinPrice(double x, double y)
    {
        var a = 1 + Math.Pow(x + y + 1, 2) * (19 - 14 * x + 3 * x * x - 14 * y + 6 * x * y + 3 * y * y);
        var b = 30 + Math.Pow(2 * x - 3 * y, 2) * (18 - 32 * x + 12 * x * x + 48 * y - 36 * x * y + 27 * y * y);
        return a * b;
    }

    public static double Himmelblau(double x, double y) => Math.Pow(x * x + y - 11, 2) + Math.Pow(x + y * y - 7, 2);

    public static double SixHumpCamel(double x, double y) =>
        (4 - 2.1 * x * x + Math.Pow(x, 4) / 3) * x * x + x * y + (-4 + 4 * y * y) * y * y;

    public static double StyblinskiTang(double[] x) => 0.5 * x.Sum(v => Math.Pow(v, 4) - 16 * v * v + 5 * v);

    public static double Hartmann3(double[] x)
    {
        double[] alpha = [1.0, 1.2, 3.0, 3.2];
        double[,] a = { { 3, 10, 30 }, { 0.1, 10, 35 }, { 3, 10, 30 }, { 0.1, 10, 35 } };
        double[,] p =
        {
            { 0.3689, 0.1170, 0.2673 },
            { 0.4699, 0.4387, 0.7470 },
            { 0.1091, 0.8732, 0.5547 },
            { 0.0381, 0.5743, 0.8828 },
        };
        var sum = 0.0;
        for (var i = 0; i < 4; i++)
        {
            var inner = 0.0;
            for (var j = 0; j < 3; j++)
            {
                var d = x[j] - p[i, j];
                inner += a[i, j] * d * d;
            }
            sum += alpha[i] * Math.Exp(-inner);
        }
        return -sum;
    }

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
