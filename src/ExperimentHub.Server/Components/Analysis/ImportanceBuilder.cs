using ExperimentHub.Core.Importance;
using ExperimentHub.Core.Specs;
using ExperimentHub.Core.Trials;
using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Components.Analysis;

/// <summary>Each parameter's share of the objective's variance (Core's fANOVA on a random forest), largest first.</summary>
public static class ImportanceBuilder
{
    /// <summary>Fewer trees than Core's default: the page recomputes it as trials finish and needs it in a blink.</summary>
    private static readonly ImportanceOptions Options = new(Trees: 16, Seed: 1, MaxSamplesPerTree: 1000);

    internal const int MinTrials = 8;

    public static IReadOnlyList<KeyValuePair<string, double>> Build(IReadOnlyList<TrialRow> trials, SweepSpec spec, Objective objective)
    {
        var records = trials
            .Where(t => t.State == TrialStates.Completed)
            .Select(t => new TrialRecord { Id = t.RunId, Parameters = t.Parameters, State = TrialState.Completed, Metrics = t.Metrics })
            .ToList();
        if (records.Count < MinTrials || spec.Space.Parameters.Count == 0)
        {
            return [];
        }
        var result = ParameterImportance.Evaluate(spec.Space, records, objective, Options);
        return result.Parameters
            .OrderByDescending(p => p.Importance)
            .Select(p => new KeyValuePair<string, double>(p.Name, p.Importance))
            .ToList();
    }
}
