using System.Globalization;

namespace ExperimentHub.Server.Data.Services;

/// <summary>
/// Text cells of a CSV export, made safe to open in a spreadsheet: a cell that starts with '=', '+', '-', '@', a tab
/// or a carriage return is read as a formula by Excel, LibreOffice and Google Sheets (CSV injection), so it gets a
/// leading apostrophe, which they show as text. Numbers (-0.5, +3) stay numbers.
/// </summary>
public static class SpreadsheetCells
{
    public static string? Escape(string? text) =>
        text is { Length: > 0 } && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
        && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            ? "'" + text
            : text;
}
