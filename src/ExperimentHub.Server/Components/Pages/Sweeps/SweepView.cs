using ExperimentHub.Core.Specs;
using ExperimentHub.Core.Trials;
using ExperimentHub.Server.Components.Analysis;
using ExperimentHub.Server.Components.Charts;
using ExperimentHub.Server.Components.Services.Models;
using ExperimentHub.Server.Dispatch;

namespace ExperimentHub.Server.Components.Pages.Sweeps;

/// <summary>
/// Everything the sweep page draws from its trials, built in one pure step: the page builds it off the circuit's
/// thread for a big sweep, so the title and progress render while the charts are shaped.
/// </summary>
internal sealed class SweepView
{
    private SweepView(IReadOnlyList<TrialRow> trials, SweepSpec spec, Objective objective, ParallelCoordinates parcoords)
    {
        Trials = trials;
        Spec = spec;
        Objective = objective;
        Parcoords = parcoords;
    }

    /// <summary>The trials this view was built from (the same list, so a later build can tell whether they changed).</summary>
    public IReadOnlyList<TrialRow> Trials { get; }

    public SweepSpec Spec { get; }

    /// <summary>The first objective: colours, best trial, best so far, heatmap and importance follow it.</summary>
    public Objective Objective { get; }

    public ParallelCoordinates Parcoords { get; }

    /// <summary>The brushes, picked trials and pickers the view was asked for, as given (to tell whether the page moved on since).</summary>
    public (IReadOnlyList<AxisBrush> Brushes, IReadOnlySet<long>? Picked, SweepViewChoices Choices) Requested { get; private init; }

    /// <summary>The runs picked with a box or lasso on a chart (null: none); the table and every chart follow them.</summary>
    public IReadOnlySet<long>? Picked { get; private init; }

    /// <summary>Per parallel-coordinates line, whether its trial is picked (null: none picked), so the lines follow a pick too.</summary>
    public IReadOnlyList<bool>? ParcoordsPicked { get; private init; }

    /// <summary>Whether anything narrows the trials: a brushed axis or trials picked on a chart.</summary>
    public bool IsFiltered => Brushes.Count > 0 || Picked is not null;

    /// <summary>"width 264…462, 12 picked on a chart": what narrows the trials, in words.</summary>
    public string DescribeFilter() => string.Join(", ", new[]
    {
        Brushes.Count > 0 ? Parcoords.Describe(Brushes) : "",
        Picked is { } picked ? $"{picked.Count} picked on a chart" : "",
    }.Where(s => s.Length > 0));

    /// <summary>The brushes in effect (those naming an axis that no longer exists are dropped).</summary>
    public IReadOnlyList<AxisBrush> Brushes { get; private init; } = [];

    /// <summary>The trials inside every brushed range: all of them when nothing is brushed.</summary>
    public IReadOnlyList<TrialRow> Visible { get; private init; } = [];

    /// <summary>The best completed trial of a single-objective sweep.</summary>
    public TrialRow? Best { get; private init; }

    public BestSoFarData? BestSoFar { get; private init; }

    /// <summary>The resolved pickers: valid names, defaults where a pick was missing or no longer valid.</summary>
    public SweepViewChoices Choices { get; private init; } = new(null, null, null, null);

    public HeatmapData? Heatmap { get; private init; }

    public string HeatmapCaption { get; private init; } = "";

    public ParetoData? Pareto { get; private init; }

    public double Hypervolume { get; private init; }

    public string ParetoCaption { get; private init; } = "";

    /// <summary>
    /// Builds the view. The parallel coordinates depend on the trials alone, so when <paramref name="previous"/> was
    /// built from the same trials and spec its axes are kept: brushing does not rebuild (nor resend) them.
    /// </summary>
    public static SweepView Build(
        IReadOnlyList<TrialRow> trials, SweepSpec spec, IReadOnlyList<AxisBrush> brushes, SweepViewChoices choices, SweepView? previous = null,
        IReadOnlySet<long>? picked = null)
    {
        ArgumentNullException.ThrowIfNull(trials);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(brushes);
        ArgumentNullException.ThrowIfNull(choices);
        var requested = (brushes, picked, choices);
        var objective = spec.Objectives[0];
        var parcoords = previous is not null && ReferenceEquals(previous.Trials, trials) && ReferenceEquals(previous.Spec, spec)
            ? previous.Parcoords
            : ParallelCoordinates.Build(trials, spec);
        if (brushes.Any(b => b.Dimension >= parcoords.Data.Dimensions.Count))
        {
            brushes = [];
        }
        Func<TrialRow, bool>? selected = (brushes.Count, picked) switch
        {
            (0, null) => null,
            (_, null) => t => parcoords.Matches(t, brushes),
            (0, { } runs) => t => runs.Contains(t.RunId),
            (_, { } runs) => t => runs.Contains(t.RunId) && parcoords.Matches(t, brushes),
        };

        var parameters = spec.Space.Parameters.Select(p => p.Name).ToList();
        string? heatX = null, heatY = null;
        HeatmapData? heatmap = null;
        var heatmapCaption = "";
        if (parameters.Count >= 2)
        {
            var (pickedX, pickedY) = PickPair(parameters, choices.HeatX, choices.HeatY);
            (heatX, heatY) = (pickedX, pickedY);
            var x = ParameterAxis.For(spec.Space.Parameters.First(p => p.Name == pickedX));
            var y = ParameterAxis.For(spec.Space.Parameters.First(p => p.Name == pickedY));
            heatmap = HeatmapBuilder.Build(trials, x, y, objective, selected);
            heatmapCaption = ScatterSample.Caption(Math.Min(heatmap.Points.X.Count, ScatterSample.MaxPoints), heatmap.Points.X.Count);
        }

        string? paretoX = null, paretoY = null;
        ParetoData? pareto = null;
        var hypervolume = 0.0;
        var paretoCaption = "";
        if (spec.Objectives.Count >= 2)
        {
            var objectives = spec.Objectives.Select(o => o.Metric).ToList();
            var (pickedX, pickedY) = PickPair(objectives, choices.ParetoX, choices.ParetoY);
            (paretoX, paretoY) = (pickedX, pickedY);
            (pareto, hypervolume) = ParetoBuilder.Build(trials,
                spec.Objectives.First(o => o.Metric == pickedX), spec.Objectives.First(o => o.Metric == pickedY),
                spec.Constraints, selected);
            paretoCaption = ScatterSample.Caption(pareto.Sampled().Total, pareto.Total);
        }

        return new SweepView(trials, spec, objective, parcoords)
        {
            Requested = requested,
            Brushes = brushes,
            Picked = picked,
            ParcoordsPicked = parcoords.PickedLines(picked),
            Visible = selected is null ? trials : trials.Where(selected).ToList(),
            Best = spec.Objectives.Count == 1
                ? SweepResults.Best(trials, t => t.State == TrialStates.Completed, t => t.Metrics, objective, spec.Constraints)
                : null,
            BestSoFar = Analysis.BestSoFar.Build(trials, objective, selected),
            Choices = new SweepViewChoices(heatX, heatY, paretoX, paretoY),
            Heatmap = heatmap,
            HeatmapCaption = heatmapCaption,
            Pareto = pareto,
            Hypervolume = hypervolume,
            ParetoCaption = paretoCaption,
        };
    }

    /// <summary>Two different names for a chart's axes: the ones picked while still valid, else the first ones.</summary>
    private static (string X, string Y) PickPair(List<string> names, string? wantX, string? wantY)
    {
        var x = wantX is not null && names.Contains(wantX) ? wantX : names[0];
        var y = wantY is not null && names.Contains(wantY) && wantY != x ? wantY : names.First(n => n != x);
        return (x, y);
    }
}
