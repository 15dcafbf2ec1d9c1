using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Components.Analysis;
using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Components.Pages.Sweeps;

/// <summary>The trials table's columns and rows: one dictionary per trial, keyed by the columns' keys.</summary>
internal sealed record TrialGridRows(IReadOnlyList<TrialColumn> Columns, IReadOnlyList<IDictionary<string, object>> Rows)
{
    public static TrialGridRows Build(IReadOnlyList<TrialRow> trials, SweepSpec spec, DateTimeOffset now)
    {
        var metrics = spec.Objectives.Select(o => o.Metric)
            .Concat(spec.Constraints.Select(c => c.Metric))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        List<TrialColumn> columns =
        [
            .. spec.Space.Parameters.Select(p => new TrialColumn("p_" + p.Name, p.Name,
                p.Kind == ParameterKind.Categorical ? typeof(string) : typeof(double))),
            .. metrics.Select(m => new TrialColumn("m_" + m, m, typeof(double))),
        ];
        var rows = new IDictionary<string, object>[trials.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = ToRow(trials[i], spec, metrics, now);
        }
        return new TrialGridRows(columns, rows);
    }

    private static Dictionary<string, object> ToRow(TrialRow t, SweepSpec spec, List<string> metrics, DateTimeOffset now)
    {
        var row = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["number"] = t.Number,
            ["state"] = t.State,
            ["runId"] = t.RunId,
            ["seconds"] = t.StartedAt is { } s ? Math.Round(((t.FinishedAt ?? now) - s).TotalSeconds, 1) : double.NaN,
        };
        foreach (var p in spec.Space.Parameters)
        {
            var has = t.Parameters.TryGetValue(p.Name, out var value);
            row["p_" + p.Name] = p.Kind == ParameterKind.Categorical
                ? (has ? Display.Value(value) : "")
                : (has ? ParameterAxis.ToDouble(value) : double.NaN);
        }
        foreach (var m in metrics)
        {
            row["m_" + m] = t.Metrics.TryGetValue(m, out var v) ? v : double.NaN;
        }
        return row;
    }
}
