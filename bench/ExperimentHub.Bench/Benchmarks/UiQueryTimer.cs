using System.Diagnostics;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>
/// The sweep page's two reads (the sweep with its counts, every trial with its metrics) through the dashboard's own
/// query service, in this process on the server's SQLite file: the share of a page load that is the database.
/// </summary>
internal static class UiQueryTimer
{
    public static async Task<(double SweepMs, double TrialsMs, int Trials)> MeasureAsync(string dataDir, long sweepId, int repeats, CancellationToken cancellationToken)
    {
        var (app, queries) = DashboardQueryHost.Start(dataDir);
        await using var host = app;

        var sweep = new List<double>();
        var trials = new List<double>();
        var count = 0;
        // The first round warms EF's model and query caches, as the server's are warm after its first page.
        for (var i = 0; i <= repeats; i++)
        {
            var clock = Stopwatch.StartNew();
            _ = await queries.GetSweepAsync(sweepId, cancellationToken) ?? throw new InvalidOperationException($"The dashboard's query finds no sweep {sweepId}.");
            var sweepMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            count = (await queries.GetTrialsAsync(sweepId, cancellationToken)).Count;
            if (i > 0)
            {
                sweep.Add(sweepMs);
                trials.Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        return (UiStats.Median(sweep), UiStats.Median(trials), count);
    }
}
