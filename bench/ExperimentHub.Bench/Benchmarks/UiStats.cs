using System.Globalization;

namespace ExperimentHub.Bench.Benchmarks;

/// <summary>Medians, percentiles, figures as text, and the ui bench's command-line options.</summary>
internal static class UiStats
{
    /// <summary>The median of the finite values; NaN when there are none.</summary>
    public static double Median(IEnumerable<double> values) => Percentile(values, 0.5);

    public static double Percentile(IEnumerable<double> values, double q)
    {
        var sorted = values.Where(double.IsFinite).Order().ToList();
        if (sorted.Count == 0)
        {
            return double.NaN;
        }
        var position = q * (sorted.Count - 1);
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        return sorted[low] + ((sorted[high] - sorted[low]) * (position - low));
    }

    /// <summary>A figure for a key=value line: "NaN" for a missing one, so a line never lies with a zero.</summary>
    public static string Ms(double value) => double.IsFinite(value) ? value.ToString("F0", CultureInfo.InvariantCulture) : "NaN";

    public static string Fixed(double value, int decimals) =>
        double.IsFinite(value) ? value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) : "NaN";

    public static int IntOption(IReadOnlyList<string> args, string name, int fallback, int min)
    {
        var text = StringOption(args, name, null);
        if (text is null)
        {
            return fallback;
        }
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min)
        {
            throw new ArgumentException($"{name}: '{text}' is not a whole number of at least {min.ToString(CultureInfo.InvariantCulture)}.", nameof(args));
        }
        return value;
    }

    public static string? StringOption(IReadOnlyList<string> args, string name, string? fallback)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == name)
            {
                return i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{name} needs a value.", nameof(args));
            }
        }
        return fallback;
    }
}
