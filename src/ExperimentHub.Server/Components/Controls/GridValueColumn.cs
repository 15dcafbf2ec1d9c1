using System.Linq.Expressions;

namespace ExperimentHub.Server.Components.Controls;

/// <summary>
/// A column a grid builds from the data (a parameter or a metric): numeric columns sort and filter as numbers,
/// others as text. The expression feeds the grid's sorting and filters; the compiled reader feeds cells and CSV.
/// </summary>
public sealed class GridValueColumn<TRow>
{
    internal GridValueColumn(string key, string title, Expression<Func<TRow, double>>? number, Expression<Func<TRow, string>>? text)
    {
        Key = key;
        Title = title;
        NumberExpression = number;
        TextExpression = text;
        ReadNumber = number?.Compile() ?? (static _ => double.NaN);
        ReadText = text?.Compile() ?? (_ => Display.Number(ReadNumber!(_)));
    }

    /// <summary>Unique within its grid: p_ for parameters, m_ for metrics, then the name.</summary>
    public string Key { get; }

    public string Title { get; }

    public bool IsNumeric => NumberExpression is not null;

    public Expression<Func<TRow, double>>? NumberExpression { get; }

    public Expression<Func<TRow, string>>? TextExpression { get; }

    public Func<TRow, double> ReadNumber { get; }

    public Func<TRow, string> ReadText { get; }

    /// <summary>The cell as the grid shows it: a missing value (NaN) is left blank.</summary>
    public string Cell(TRow row) => IsNumeric ? (ReadNumber(row) is var v && double.IsNaN(v) ? "" : Display.Number(v)) : ReadText(row);

    /// <summary>The cell as a CSV field: numbers round-trippable, text as is.</summary>
    public string Csv(TRow row) => IsNumeric ? CsvText.Number(ReadNumber(row)) : ReadText(row);
}
