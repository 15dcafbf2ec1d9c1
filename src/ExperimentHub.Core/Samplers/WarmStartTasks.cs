namespace ExperimentHub.Core.Samplers;

/// <summary>
/// Which observations of the warm-start history the model conditions on, and the correlation it first expects of each
/// earlier sweep. The most similar sweeps come first, at most <see cref="MaxSweeps"/>; their observations share a
/// budget in proportion to similarity, each sweep giving its best half and a random spread of the rest, so a long
/// history costs a bounded fit. Tasks are renumbered 1.. in the order kept; this sweep's own trials (task 0) all stay.
/// </summary>
internal static class WarmStartTasks
{
    public const int MaxSweeps = 4;

    /// <summary>An earlier sweep is expected to correlate with this one as much as it is similar, within these bounds.</summary>
    private const double MinExpected = 0.05;
    private const double MaxExpected = 0.95;

    public static (List<Observation> Kept, double[] ExpectedCorrelations) Select(
        List<Observation> observations, IReadOnlyList<HistorySweep> history, int maxPoints, Random random)
    {
        var own = observations.Where(o => o.Task == 0).ToList();
        var sweeps = Enumerable.Range(1, history.Count)
            .Select(task => (Task: task, history[task - 1].Similarity, Points: observations.Where(o => o.Task == task).ToList()))
            .Where(s => s.Points.Count > 0 && s.Similarity > 0)
            .OrderByDescending(s => s.Similarity).ThenBy(s => s.Task)
            .Take(MaxSweeps)
            .ToList();
        if (sweeps.Count == 0)
        {
            return (own, []);
        }
        var total = sweeps.Sum(s => s.Similarity);
        var kept = new List<Observation>();
        var expected = new double[sweeps.Count];
        for (var k = 0; k < sweeps.Count; k++)
        {
            var share = Math.Max(2, (int)(maxPoints * sweeps[k].Similarity / total));
            var points = sweeps[k].Points;
            if (points.Count > share)
            {
                // Best first (failed last): the good region is where the model must be right.
                var ordered = points.OrderBy(o => o.Losses is null ? 1 : 0).ThenBy(o => o.Losses?[0] ?? 0).ToList();
                var best = ordered.Take(share / 2);
                var spread = ordered.Skip(share / 2).OrderBy(_ => random.Next()).Take(share - (share / 2));
                points = [.. best.Concat(spread)];
            }
            kept.AddRange(points.Select(o => o with { Task = k + 1 }));
            expected[k] = Math.Clamp(sweeps[k].Similarity, MinExpected, MaxExpected);
        }
        kept.AddRange(own);
        return (kept, expected);
    }
}
