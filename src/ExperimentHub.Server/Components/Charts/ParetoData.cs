namespace ExperimentHub.Server.Components.Charts;

/// <summary>Two objectives of a sweep: the front (sorted by x), dominated and infeasible trials, the hypervolume.</summary>
public sealed record ParetoData(
    ScatterGroup Front,
    ScatterGroup Dominated,
    ScatterGroup Infeasible,
    string XTitle,
    string YTitle,
    bool XMaximized);
