namespace ExperimentHub.Server.Components.Charts;

/// <summary>The parallel coordinates of a sweep: one line per trial, coloured by the objective.</summary>
/// <param name="LowerIsBetter">Colours the best trials brightest whatever the goal.</param>
public sealed record ParcoordsData(
    IReadOnlyList<ParcoordsDimension> Dimensions,
    IReadOnlyList<double> Color,
    string ColorTitle,
    bool LowerIsBetter);
