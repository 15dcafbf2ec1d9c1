namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// Completed trials split by <see cref="SweepResults.Split{T}"/>: the feasible ones with their losses (in objective
/// order), the indices of those on the Pareto front (into <see cref="Feasible"/>), and the infeasible ones.
/// </summary>
public sealed record ParetoSplit<T>(
    IReadOnlyList<T> Feasible, IReadOnlyList<IReadOnlyList<double>> Losses, IReadOnlyList<int> FrontIndices, IReadOnlyList<T> Infeasible)
{
    /// <summary>The feasible trials off the front, in their order.</summary>
    public IReadOnlyList<T> Dominated
    {
        get
        {
            var onFront = FrontIndices.ToHashSet();
            return Feasible.Where((_, i) => !onFront.Contains(i)).ToList();
        }
    }
}
