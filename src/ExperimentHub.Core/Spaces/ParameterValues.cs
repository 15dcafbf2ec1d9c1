using System.Globalization;

namespace ExperimentHub.Core.Spaces;

/// <summary>
/// Parameter values are double (float), long (int), or, for categorical choices, string, bool, long or double.
/// These helpers compare and print them the same way everywhere.
/// </summary>
public static class ParameterValues
{
    public static bool AreEqual(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (bool x, bool y) => x == y,
        (string or bool, _) or (_, string or bool) => false,
        _ => ToDouble(a).Equals(ToDouble(b)),
    };

    public static double ToDouble(object value) => value switch
    {
        double d => d,
        long l => l,
        int i => i,
        float f => f,
        decimal m => (double)m,
        bool b => b ? 1 : 0,
        string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => throw new ArgumentException($"'{value}' is not a number.", nameof(value)),
    };

    public static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
