using ExperimentHub.Core.Samplers;
using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Tests.Samplers;

/// <summary>Runs a sampler against a function, one suggestion at a time, as the dispatcher would.</summary>
internal static class SamplerHarness
{
    public static readonly Objective[] Loss = [new("loss", Goal.Minimize)];

    public static SearchSpace Square { get; } = new([ParameterDefinition.Float("x", 0, 1), ParameterDefinition.Float("y", 0, 1)]);

    public static double X(IReadOnlyDictionary<string, object> p, string name) => ParameterValues.ToDouble(p[name]);

    public static double Bowl(IReadOnlyDictionary<string, object> p) =>
        Math.Pow(X(p, "x") - 0.3, 2) + Math.Pow(X(p, "y") - 0.7, 2);

    /// <summary>Runs <paramref name="budget"/> trials; <paramref name="evaluate"/> returns null for a failed trial.</summary>
    public static List<TrialRecord> Run(
        ISampler sampler, SearchSpace space, Func<IReadOnlyDictionary<string, object>, double?> evaluate, int budget, int seed,
        IReadOnlyList<Objective>? objectives = null, int batch = 1, IEnumerable<TrialRecord>? start = null)
    {
        var trials = new List<TrialRecord>(start ?? []);
        while (trials.Count < budget)
        {
            var context = new SearchContext { Space = space, Objectives = objectives ?? Loss, Trials = trials, Seed = seed };
            var suggestions = sampler.Suggest(context, Math.Min(batch, budget - trials.Count));
            Assert.NotEmpty(suggestions);
            foreach (var s in suggestions)
            {
                var value = evaluate(s);
                trials.Add(new TrialRecord
                {
                    Id = trials.Count + 1,
                    Parameters = s,
                    State = value is null ? TrialState.Failed : TrialState.Completed,
                    Metrics = value is { } v ? new Dictionary<string, double> { ["loss"] = v } : new Dictionary<string, double>(),
                });
            }
        }
        return trials;
    }

    public static double Best(IEnumerable<TrialRecord> trials) =>
        trials.Where(t => t.State == TrialState.Completed).Min(t => t.Metrics["loss"]);
}
