using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Tests.Pruners;

internal static class Curves
{
    /// <summary>A trial whose curve reports <paramref name="values"/> at steps 1, 2, 3, ...</summary>
    public static TrialRecord Trial(long id, TrialState state, params double[] values) =>
        At(id, state, values.Select((v, i) => (long)(i + 1)).ToArray(), values);

    public static TrialRecord At(long id, TrialState state, long[] steps, double[] values) => new()
    {
        Id = id,
        Parameters = new Dictionary<string, object>(),
        State = state,
        Intermediate = steps.Zip(values, (s, v) => new IntermediateValue(s, v)).ToList(),
    };

    /// <summary>Completed trials 100, 101, ... each with a flat curve at the given level for <paramref name="steps"/> steps.</summary>
    public static List<TrialRecord> Flat(int steps, params double[] levels) =>
        levels.Select((level, i) => Trial(100 + i, TrialState.Completed, Enumerable.Repeat(level, steps).ToArray())).ToList();
}
