using ExperimentHub.Core.Trials;
using ExperimentHub.Server.Components.Charts;
using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Components.Analysis;

/// <summary>
/// The objective over two parameters: trials are binned on a fine grid (sum and count per cell), then the bins are
/// smoothed with a Gaussian kernel, so the cost is one pass over the trials plus a fixed grid pass, however many
/// trials there are. Cells with no trial nearby stay empty rather than showing a made-up value.
/// </summary>
public static class HeatmapBuilder
{
    internal const int GridSize = 40;

    public static HeatmapData Build(
        IReadOnlyList<TrialRow> trials, ParameterAxis x, ParameterAxis y, Objective objective, Func<TrialRow, bool>? selected)
    {
        var nx = x.IsCategorical ? Math.Max(1, x.Definition.Choices.Count) : GridSize;
        var ny = y.IsCategorical ? Math.Max(1, y.Definition.Choices.Count) : GridSize;
        var sum = new double[ny, nx];
        var count = new double[ny, nx];

        var px = new List<double>();
        var py = new List<double>();
        var ids = new List<long>();
        var shown = new List<TrialRow>();
        var values = new List<double>();
        var sel = selected is null ? null : new List<bool>();
        foreach (var trial in trials)
        {
            if (trial.State != TrialStates.Completed || !trial.Metrics.TryGetValue(objective.Metric, out var z) || !double.IsFinite(z))
            {
                continue;
            }
            var ax = x.ToAxis(trial.Parameters);
            var ay = y.ToAxis(trial.Parameters);
            if (!double.IsFinite(ax) || !double.IsFinite(ay))
            {
                continue;
            }
            var (i, j) = (Cell(x, ax, nx), Cell(y, ay, ny));
            sum[j, i] += z;
            count[j, i] += 1;
            px.Add(x.FromAxis(ax));
            py.Add(y.FromAxis(ay));
            ids.Add(trial.RunId);
            shown.Add(trial);
            values.Add(z);
            sel?.Add(selected!(trial));
        }

        var z2 = Smooth(sum, count, x.IsCategorical, y.IsCategorical);
        var text = new HoverTexts(shown.Count, i =>
            $"trial {shown[i].Number}: {x.Name}={Display.Value(shown[i].Parameters[x.Name])}, {y.Name}={Display.Value(shown[i].Parameters[y.Name])}, {objective.Metric}={Display.Number(values[i])}");
        return new HeatmapData(
            Centers(x, nx),
            Centers(y, ny),
            z2,
            Means(sum, count),
            new ScatterGroup(px, py, ids, text, sel),
            x.Name,
            y.Name,
            objective.Metric,
            x.IsLog,
            y.IsLog,
            x.IsCategorical ? new AxisTicks(Enumerable.Range(0, nx).Select(i => (double)i).ToArray(), x.ChoiceNames) : null,
            y.IsCategorical ? new AxisTicks(Enumerable.Range(0, ny).Select(i => (double)i).ToArray(), y.ChoiceNames) : null,
            objective.Goal == Goal.Minimize);
    }

    private static int Cell(ParameterAxis axis, double value, int n)
    {
        if (axis.IsCategorical)
        {
            return Math.Clamp((int)value, 0, n - 1);
        }
        var span = axis.Max - axis.Min;
        var u = span > 0 ? (value - axis.Min) / span : 0.5;
        return Math.Clamp((int)(u * n), 0, n - 1);
    }

    /// <summary>Cell centres in real units (10^x on log axes, the choice index on categorical ones).</summary>
    private static double[] Centers(ParameterAxis axis, int n)
    {
        if (axis.IsCategorical)
        {
            return Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        }
        var span = axis.Max - axis.Min;
        return Enumerable.Range(0, n).Select(i => axis.FromAxis(axis.Min + (i + 0.5) / n * span)).ToArray();
    }

    /// <summary>The mean objective of the trials in each bin; NaN for an empty bin.</summary>
    private static double[][] Means(double[,] sum, double[,] count)
    {
        var ny = sum.GetLength(0);
        var nx = sum.GetLength(1);
        var result = new double[ny][];
        for (var j = 0; j < ny; j++)
        {
            result[j] = new double[nx];
            for (var i = 0; i < nx; i++)
            {
                result[j][i] = count[j, i] > 0 ? sum[j, i] / count[j, i] : double.NaN;
            }
        }
        return result;
    }

    /// <summary>Nadaraya-Watson over the bins; categorical axes are not smoothed across choices.</summary>
    private static double[][] Smooth(double[,] sum, double[,] count, bool xCategorical, bool yCategorical)
    {
        var ny = sum.GetLength(0);
        var nx = sum.GetLength(1);
        const double bandwidth = 2.0; // in cells: about 5% of the range
        const int reach = 5;
        var result = new double[ny][];
        for (var j = 0; j < ny; j++)
        {
            result[j] = new double[nx];
            for (var i = 0; i < nx; i++)
            {
                double weighted = 0, weights = 0;
                var (i0, i1) = xCategorical ? (i, i) : (Math.Max(0, i - reach), Math.Min(nx - 1, i + reach));
                var (j0, j1) = yCategorical ? (j, j) : (Math.Max(0, j - reach), Math.Min(ny - 1, j + reach));
                for (var jj = j0; jj <= j1; jj++)
                {
                    for (var ii = i0; ii <= i1; ii++)
                    {
                        if (count[jj, ii] == 0)
                        {
                            continue;
                        }
                        var d2 = ((ii - i) * (ii - i) + (jj - j) * (jj - j)) / (bandwidth * bandwidth);
                        var w = Math.Exp(-0.5 * d2);
                        weighted += w * sum[jj, ii];
                        weights += w * count[jj, ii];
                    }
                }
                // Too little weight means no trial within a few cells: leave the cell empty.
                result[j][i] = weights > 0.05 ? weighted / weights : double.NaN;
            }
        }
        return result;
    }
}
