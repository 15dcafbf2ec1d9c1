using ExperimentHub.Core.Pruners;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// A seeded family of learning curves, run with a pool of parallel workers in simulated time: every tick each
/// running trial trains one step, reports its loss, and the pruner decides on it. Curves decay exponentially from a
/// common start to their own final loss at their own speed, with noise, so slow starters that end well exist and a
/// pruner can lose the best trial.
/// </summary>
internal sealed class EarlyStopSimulation
{
    private readonly Curve[] _curves;

    public EarlyStopSimulation(int seed, int trials, int maxSteps)
    {
        MaxSteps = maxSteps;
        var random = new Random(seed);
        _curves = new Curve[trials];
        for (var i = 0; i < trials; i++)
        {
            var final = 0.1 + random.NextDouble();
            var tau = 3 + (maxSteps / 2.0 * random.NextDouble());
            var noise = new double[maxSteps + 1];
            for (var s = 1; s <= maxSteps; s++)
            {
                noise[s] = 0.02 * Gaussian(random);
            }
            _curves[i] = new Curve(final, tau, noise);
        }
    }

    public int MaxSteps { get; }

    public int Trials => _curves.Length;

    /// <summary>Every trial to the end: the best final loss and the steps spent.</summary>
    public (double Best, long Steps) RunFull() =>
        (Enumerable.Range(0, _curves.Length).Min(i => Loss(i, MaxSteps)), (long)_curves.Length * MaxSteps);

    /// <summary>The trials with the pruner: best final loss among trials that ran to the end, and steps spent.</summary>
    public (double Best, long Steps, int Completed) Run(IPruner pruner, int parallel)
    {
        var records = new TrialRecord?[_curves.Length];
        var curves = new List<IntermediateValue>[_curves.Length];
        var running = new List<int>();
        var next = 0;
        long steps = 0;
        var best = double.PositiveInfinity;
        var completed = 0;
        while (next < _curves.Length || running.Count > 0)
        {
            while (running.Count < parallel && next < _curves.Length)
            {
                curves[next] = [];
                records[next] = Record(next, TrialState.Running, curves[next]);
                running.Add(next++);
            }
            foreach (var i in running.ToList())
            {
                var step = curves[i].Count + 1;
                curves[i].Add(new IntermediateValue(step, Loss(i, step)));
                steps++;
                var all = records.Where(r => r is not null).Select(r => r!).ToList();
                if (step == MaxSteps)
                {
                    records[i] = Record(i, TrialState.Completed, curves[i]);
                    best = Math.Min(best, Loss(i, step));
                    completed++;
                    running.Remove(i);
                }
                else if (pruner.Decide(records[i]!, all).Stop)
                {
                    records[i] = Record(i, TrialState.Pruned, curves[i]);
                    running.Remove(i);
                }
            }
        }
        return (best, steps, completed);
    }

    private double Loss(int trial, int step)
    {
        var c = _curves[trial];
        return c.Final + ((2.5 - c.Final) * Math.Exp(-step / c.Tau)) + c.Noise[step];
    }

    private static TrialRecord Record(int id, TrialState state, List<IntermediateValue> curve) => new()
    {
        Id = id,
        Parameters = new Dictionary<string, object>(),
        State = state,
        Intermediate = curve,
    };

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private sealed record Curve(double Final, double Tau, double[] Noise);
}
