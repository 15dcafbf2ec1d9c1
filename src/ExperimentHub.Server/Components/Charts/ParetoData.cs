namespace ExperimentHub.Server.Components.Charts;

/// <summary>Two objectives of a sweep: the front (sorted by x), dominated and infeasible trials, the hypervolume.</summary>
public sealed record ParetoData(
    ScatterGroup Front,
    ScatterGroup Dominated,
    ScatterGroup Infeasible,
    string XTitle,
    string YTitle,
    bool XMaximized)
{
    /// <summary>Every trial on the chart, drawn or not.</summary>
    public int Total => Front.X.Count + Dominated.X.Count + Infeasible.X.Count;

    /// <summary>The whole front, infeasible markers up to a cap, and a sample of the dominated trials.</summary>
    public ParetoData Sampled()
    {
        var infeasible = ScatterSample.Take(Infeasible, ScatterSample.MaxInfeasible);
        var room = Math.Max(ScatterSample.MinBackground, ScatterSample.MaxPoints - Front.X.Count - infeasible.X.Count);
        return this with { Dominated = ScatterSample.Take(Dominated, room), Infeasible = infeasible };
    }
}
