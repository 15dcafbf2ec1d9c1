using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Tests.Components.Sweeps;

/// <summary>A two-objective sweep spec (log, int, float and categorical parameters) and deterministic trials of it.</summary>
internal static class SweepFixtures
{
    public static SweepSpec Spec()
    {
        var parsed = SweepSpecParser.Parse("""
            name: fixture
            command: [python3, train.py]
            method: random
            objectives:
              - {metric: accuracy, goal: maximize}
              - {metric: inference_ms, goal: minimize}
            constraints:
              - {metric: accuracy, min: 0.6}
            parameters:
              lr: {type: float, min: 0.00001, max: 0.1, log: true}
              layers: {type: int, min: 1, max: 12}
              dropout: {type: float, min: 0.0, max: 0.5}
              optimizer: {values: [adam, sgd, rmsprop]}
            budget: {trials: 500}
            """, SpecFormat.Yaml);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors.Select(e => e.Message)));
        return parsed.Spec!;
    }

    /// <summary>Completed trials with every parameter and both objectives, and one failed trial with no metrics.</summary>
    public static List<TrialRow> Trials(int count)
    {
        var random = new Random(11);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var trials = new List<TrialRow>();
        for (var i = 1; i <= count; i++)
        {
            var layers = random.Next(1, 13);
            var parameters = new Dictionary<string, object>
            {
                ["lr"] = Math.Pow(10, -5 + 4 * random.NextDouble()),
                ["layers"] = (long)layers,
                ["dropout"] = 0.5 * random.NextDouble(),
                ["optimizer"] = new[] { "adam", "sgd", "rmsprop" }[random.Next(3)],
            };
            var metrics = new Dictionary<string, double>
            {
                ["accuracy"] = 0.55 + 0.03 * layers + 0.05 * random.NextDouble(),
                ["inference_ms"] = 2 + 1.5 * layers + random.NextDouble(),
            };
            trials.Add(new TrialRow(1000 + i, i, "completed", parameters, metrics, start.AddSeconds(i), start.AddSeconds(i + 30.25)));
        }
        trials.Add(new TrialRow(1000 + count + 1, count + 1, "failed",
            new Dictionary<string, object> { ["lr"] = 0.01, ["layers"] = 3L, ["dropout"] = 0.1, ["optimizer"] = "sgd" },
            new Dictionary<string, double>(), start, start.AddSeconds(2)));
        return trials;
    }
}
