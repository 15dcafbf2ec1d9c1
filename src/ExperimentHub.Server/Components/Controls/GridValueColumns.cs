using System.Linq.Expressions;

namespace ExperimentHub.Server.Components.Controls;

/// <summary>Makes the two kinds of <see cref="GridValueColumn{TRow}"/>.</summary>
public static class GridValueColumns
{
    public static GridValueColumn<TRow> Numeric<TRow>(string key, string title, Expression<Func<TRow, double>> read) => new(key, title, read, null);

    public static GridValueColumn<TRow> Text<TRow>(string key, string title, Expression<Func<TRow, string>> read) => new(key, title, null, read);
}
