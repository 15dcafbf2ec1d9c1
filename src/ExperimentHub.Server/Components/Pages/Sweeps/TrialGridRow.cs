namespace ExperimentHub.Server.Components.Pages.Sweeps;

/// <summary>
/// One row of the trials table. Parameter and metric values sit in arrays indexed by their column, so a grid column
/// reads its cell with one array access (10,000 rows are sorted and filtered on every click).
/// </summary>
public sealed class TrialGridRow(int number, string state, long runId, double seconds, double[] numbers, string[] texts)
{
    public int Number { get; } = number;

    public string State { get; } = state;

    public long RunId { get; } = runId;

    /// <summary>Seconds from start to finish (to now while running); NaN before it starts.</summary>
    public double Seconds { get; } = seconds;

    /// <summary>Numeric parameters and metrics; NaN where the trial has none.</summary>
    internal double[] Numbers { get; } = numbers;

    /// <summary>Categorical parameters as text; empty where the trial has none.</summary>
    internal string[] Texts { get; } = texts;
}
