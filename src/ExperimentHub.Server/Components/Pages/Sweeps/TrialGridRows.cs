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
        // Keys built once, not per row; each row's dictionary sized for its columns up front.
        var parameters = spec.Space.Parameters
            .Select(p => (Name: p.Name, Key: "p_" + p.Name, Categorical: p.Kind == ParameterKind.Categorical))
            .ToArray();
        var metricKeys = metrics.Select(m => (Name: m, Key: "m_" + m)).ToArray();
        var size = 4 + parameters.Length + metricKeys.Length;
        var rows = new IDictionary<string, object>[trials.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var t = trials[i];
            var row = new Dictionary<string, object>(size, StringComparer.Ordinal)
            {
                ["number"] = t.Number,
                ["state"] = t.State,
                ["runId"] = t.RunId,
                ["seconds"] = t.StartedAt is { } s ? Math.Round(((t.FinishedAt ?? now) - s).TotalSeconds, 1) : double.NaN,
            };
            foreach (var (name, key, categorical) in parameters)
            {
                var has = t.Parameters.TryGetValue(name, out var value);
                row[key] = categorical
                    ? (has ? Display.Value(value) : "")
                    : (has ? ParameterAxis.ToDouble(value) : double.NaN);
            }
            foreach (var (name, key) in metricKeys)
            {
                row[key] = t.Metrics.TryGetValue(name, out var v) ? v : double.NaN;
            }
            rows[i] = row;
        }
        return new TrialGridRows(columns, rows);
    }
}
