using System.Globalization;
using System.Text;
using CsvHelper;
using ExperimentHub.Server.Data.Services;

namespace ExperimentHub.Server.Components.Controls;

/// <summary>Rows as RFC 4180 CSV text (the rows a grid shows, for its download button), formulas escaped.</summary>
public static class CsvText
{
    public static string Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, options: null, leaveOpen: true))
        {
            foreach (var header in headers)
            {
                csv.WriteField(SpreadsheetCells.Escape(header));
            }
            csv.EndRecord();
            foreach (var row in rows)
            {
                foreach (var cell in row)
                {
                    csv.WriteField(SpreadsheetCells.Escape(cell));
                }
                csv.EndRecord();
            }
        }
        return text.ToString();
    }

    /// <summary>A number as CSV holds it: invariant, round-trippable, empty for a missing value (NaN).</summary>
    public static string Number(double value) =>
        double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A file name for a download: the parts joined, anything but letters, digits, dot and dash replaced.</summary>
    public static string FileName(params string[] parts)
    {
        var name = new StringBuilder();
        foreach (var c in string.Join('-', parts))
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' ? c : '_');
        }
        return name.Append(".csv").ToString();
    }
}
