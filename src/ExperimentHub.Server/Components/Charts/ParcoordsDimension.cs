namespace ExperimentHub.Server.Components.Charts;

/// <summary>
/// One axis of the parallel coordinates, already in axis units: log10 of the value for log parameters, the choice
/// index for categorical ones (with <see cref="TickValues"/> and <see cref="TickText"/> naming them).
/// </summary>
public sealed record ParcoordsDimension(
    string Label,
    IReadOnlyList<double> Values,
    double Min,
    double Max,
    bool Log = false,
    IReadOnlyList<double>? TickValues = null,
    IReadOnlyList<string>? TickText = null);
