using ExperimentHub.Core.Specs;
using ExperimentHub.Core.Trials;
using ExperimentHub.Server.Components.Charts;
using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Components.Analysis;

/// <summary>Parameters and objectives as parallel axes, and the brush test that filters trials by them.</summary>
public sealed class ParallelCoordinates
{
    private readonly IReadOnlyList<Func<TrialRow, double>> _axes;

    private ParallelCoordinates(ParcoordsData data, IReadOnlyList<Func<TrialRow, double>> axes, IReadOnlyList<long> runIds)
    {
        Data = data;
        _axes = axes;
        RunIds = runIds;
    }

    public ParcoordsData Data { get; }

    /// <summary>The run of each line, in the data's order.</summary>
    public IReadOnlyList<long> RunIds { get; }

    /// <summary>Per line, whether its run is among <paramref name="picked"/> (trials picked on another chart); null for none.</summary>
    public IReadOnlyList<bool>? PickedLines(IReadOnlySet<long>? picked) =>
        picked is null ? null : RunIds.Select(picked.Contains).ToArray();

    /// <summary>One line per completed trial with a finite first objective, coloured by it.</summary>
    public static ParallelCoordinates Build(IReadOnlyList<TrialRow> trials, SweepSpec spec)
    {
        var colorObjective = spec.Objectives[0];
        var rows = trials
            .Where(t => t.State == TrialStates.Completed && t.Metrics.TryGetValue(colorObjective.Metric, out var v) && double.IsFinite(v))
            .ToList();
        var dimensions = new List<ParcoordsDimension>();
        var axes = new List<Func<TrialRow, double>>();
        foreach (var parameter in spec.Space.Parameters)
        {
            var axis = ParameterAxis.For(parameter);
            var values = rows.Select(r => axis.ToAxis(r.Parameters)).ToArray();
            dimensions.Add(new ParcoordsDimension(
                parameter.Name,
                values,
                axis.Min,
                axis.Max,
                axis.IsLog,
                axis.IsCategorical ? Enumerable.Range(0, parameter.Choices.Count).Select(i => (double)i).ToArray() : null,
                axis.IsCategorical ? axis.ChoiceNames : null));
            axes.Add(r => axis.ToAxis(r.Parameters));
        }
        foreach (var objective in spec.Objectives)
        {
            var metric = objective.Metric;
            var values = rows.Select(r => r.Metrics.TryGetValue(metric, out var v) ? v : double.NaN).ToArray();
            var finite = values.Where(double.IsFinite).DefaultIfEmpty(0).ToArray();
            dimensions.Add(new ParcoordsDimension(metric, values, finite.Min(), finite.Max()));
            axes.Add(r => r.Metrics.TryGetValue(metric, out var v) ? v : double.NaN);
        }
        var color = rows.Select(r => r.Metrics[colorObjective.Metric]).ToArray();
        return new ParallelCoordinates(
            new ParcoordsData(dimensions, color, colorObjective.Metric, colorObjective.Goal == Goal.Minimize),
            axes,
            rows.Select(r => r.RunId).ToArray());
    }

    /// <summary>Whether the trial lies inside every brushed range (true when nothing is brushed).</summary>
    public bool Matches(TrialRow trial, IReadOnlyList<AxisBrush> brushes)
    {
        foreach (var brush in brushes)
        {
            if (brush.Dimension >= _axes.Count)
            {
                continue;
            }
            var value = _axes[brush.Dimension](trial);
            if (!double.IsFinite(value) || !brush.Contains(value))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>"lr 1e-3…1e-2, optimizer adam": the brushed ranges in words, for the table's caption.</summary>
    public string Describe(IReadOnlyList<AxisBrush> brushes) => string.Join(", ", brushes
        .Where(b => b.Dimension < Data.Dimensions.Count)
        .Select(b =>
        {
            var d = Data.Dimensions[b.Dimension];
            return d.Label + " " + string.Join(" or ", b.Ranges.Select(r => d.TickText is { } names
                ? string.Join("/", Enumerable.Range(0, names.Count).Where(i => i >= r.Low && i <= r.High).Select(i => names[i]))
                : $"{Display.Number(d.Log ? Math.Pow(10, r.Low) : r.Low)}…{Display.Number(d.Log ? Math.Pow(10, r.High) : r.High)}"));
        }));
}
