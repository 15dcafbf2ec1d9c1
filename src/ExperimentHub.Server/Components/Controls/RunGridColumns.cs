using System.Linq.Expressions;
using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Components.Controls;

/// <summary>The parameter and metric columns of a list of runs: every name any run has, numeric where every value is.</summary>
public static class RunGridColumns
{
    public static IReadOnlyList<GridValueColumn<RunRow>> For(IReadOnlyList<RunRow> runs, IReadOnlyList<GridValueColumn<RunRow>> previous)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(previous);
        var parameterNames = new SortedDictionary<string, bool>(StringComparer.Ordinal);
        var metricNames = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var run in runs)
        {
            foreach (var (name, value) in run.Parameters)
            {
                var numeric = value is double or long or int;
                parameterNames[name] = parameterNames.TryGetValue(name, out var all) ? all && numeric : numeric;
            }
            metricNames.UnionWith(run.Summary.Keys);
        }
        // The same column objects as before where nothing changed, so the grid does not rebuild them on a refresh.
        var old = previous.ToDictionary(c => (c.Key, c.IsNumeric));
        var columns = new List<GridValueColumn<RunRow>>(parameterNames.Count + metricNames.Count);
        foreach (var (name, numeric) in parameterNames)
        {
            var key = "p_" + name;
            columns.Add(old.TryGetValue((key, numeric), out var same) ? same : numeric
                ? GridValueColumns.Numeric(key, name, Call<double>(nameof(ParameterNumber), name))
                : GridValueColumns.Text(key, name, Call<string>(nameof(ParameterText), name)));
        }
        foreach (var name in metricNames)
        {
            var key = "m_" + name;
            columns.Add(old.TryGetValue((key, true), out var same) ? same
                : GridValueColumns.Numeric(key, name, Call<double>(nameof(Metric), name)));
        }
        return columns;
    }

    public static double ParameterNumber(RunRow run, string name) => run.Parameters.TryGetValue(name, out var value) ? value switch
    {
        double d => d,
        long l => l,
        int i => i,
        _ => double.NaN,
    } : double.NaN;

    public static string ParameterText(RunRow run, string name) =>
        run.Parameters.TryGetValue(name, out var value) ? Display.Value(value) : "";

    public static double Metric(RunRow run, string name) => run.Summary.TryGetValue(name, out var value) ? value : double.NaN;

    /// <summary><c>run => Method(run, "name")</c>: an expression the grid can sort and filter by.</summary>
    private static Expression<Func<RunRow, T>> Call<T>(string method, string name)
    {
        var run = Expression.Parameter(typeof(RunRow), "run");
        var call = Expression.Call(typeof(RunGridColumns).GetMethod(method)!, run, Expression.Constant(name));
        return Expression.Lambda<Func<RunRow, T>>(call, run);
    }
}
