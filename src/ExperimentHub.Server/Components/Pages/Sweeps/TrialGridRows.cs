using System.Linq.Expressions;
using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Components.Analysis;
using ExperimentHub.Server.Components.Controls;
using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Components.Pages.Sweeps;

/// <summary>
/// The trials table's value columns (each parameter, then each objective and constrained metric once) and its rows.
/// Column keys: p_ and the parameter name, m_ and the metric.
/// </summary>
internal sealed record TrialGridRows(IReadOnlyList<GridValueColumn<TrialGridRow>> Columns, IReadOnlyList<TrialGridRow> Rows)
{
    public static TrialGridRows Empty { get; } = new([], []);

    public static TrialGridRows Build(IReadOnlyList<TrialRow> trials, SweepSpec spec, DateTimeOffset now, TrialGridRows? previous = null)
    {
        var metrics = spec.Objectives.Select(o => o.Metric)
            .Concat(spec.Constraints.Select(c => c.Metric))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        var parameters = spec.Space.Parameters
            .Select(p => (p.Name, Categorical: p.Kind == ParameterKind.Categorical))
            .ToArray();
        var numberCount = parameters.Count(p => !p.Categorical) + metrics.Length;
        var textCount = parameters.Count(p => p.Categorical);

        // The same columns as the previous build when the spec is the same, so the grid keeps them as they are.
        var columns = previous is { } old && SameColumns(old.Columns, parameters, metrics) ? old.Columns : NewColumns(parameters, metrics);

        var rows = new TrialGridRow[trials.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var t = trials[i];
            var numbers = new double[numberCount];
            var texts = new string[textCount];
            int n = 0, s = 0;
            foreach (var (name, categorical) in parameters)
            {
                var has = t.Parameters.TryGetValue(name, out var value);
                if (categorical)
                {
                    texts[s++] = has ? Display.Value(value) : "";
                }
                else
                {
                    numbers[n++] = has ? ParameterAxis.ToDouble(value) : double.NaN;
                }
            }
            foreach (var metric in metrics)
            {
                numbers[n++] = t.Metrics.TryGetValue(metric, out var v) ? v : double.NaN;
            }
            var seconds = t.StartedAt is { } started ? Math.Round(((t.FinishedAt ?? now) - started).TotalSeconds, 1) : double.NaN;
            rows[i] = new TrialGridRow(t.Number, t.State, t.RunId, seconds, numbers, texts);
        }
        return new TrialGridRows(columns, rows);
    }

    private static List<GridValueColumn<TrialGridRow>> NewColumns((string Name, bool Categorical)[] parameters, string[] metrics)
    {
        var columns = new List<GridValueColumn<TrialGridRow>>(parameters.Length + metrics.Length);
        int n = 0, s = 0;
        foreach (var (name, categorical) in parameters)
        {
            columns.Add(categorical
                ? GridValueColumns.Text("p_" + name, name, Cell<string>(nameof(TrialGridRow.Texts), s++))
                : GridValueColumns.Numeric("p_" + name, name, Cell<double>(nameof(TrialGridRow.Numbers), n++)));
        }
        foreach (var metric in metrics)
        {
            columns.Add(GridValueColumns.Numeric("m_" + metric, metric, Cell<double>(nameof(TrialGridRow.Numbers), n++)));
        }
        return columns;
    }

    private static bool SameColumns(IReadOnlyList<GridValueColumn<TrialGridRow>> columns, (string Name, bool Categorical)[] parameters, string[] metrics) =>
        columns.Select(c => (c.Key, c.IsNumeric)).SequenceEqual(
            parameters.Select(p => ("p_" + p.Name, !p.Categorical)).Concat(metrics.Select(m => ("m_" + m, true))));

    /// <summary><c>row => row.Array[index]</c>: compiled to an array read, and an expression the grid sorts and filters by.</summary>
    private static Expression<Func<TrialGridRow, T>> Cell<T>(string array, int index)
    {
        var row = Expression.Parameter(typeof(TrialGridRow), "row");
        var cell = Expression.ArrayIndex(Expression.Property(row, array), Expression.Constant(index));
        return Expression.Lambda<Func<TrialGridRow, T>>(cell, row);
    }
}
