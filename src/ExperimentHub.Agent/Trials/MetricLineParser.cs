using System.Globalization;

namespace ExperimentHub.Agent.Trials;

/// <summary>
/// Reads the metric lines a script prints: <c>EXPERIMENTHUB step=3 loss=0.21 accuracy=0.93</c>, tokens split by
/// whitespace, <c>step</c> optional, values in invariant culture; NaN and infinities in the spellings Python,
/// C and .NET print (<c>nan</c>, <c>inf</c>, <c>-inf</c>, <c>Infinity</c>, ...).
/// </summary>
public static class MetricLineParser
{
    public const string Prefix = "EXPERIMENTHUB";
    public const int MaxKeyLength = 250;

    /// <summary>Null when the line is not a metric line at all.</summary>
    public static MetricLine? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.AsSpan().Trim();
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || (text.Length > Prefix.Length && !char.IsWhiteSpace(text[Prefix.Length])))
        {
            return null;
        }
        long? step = null;
        var values = new List<KeyValuePair<string, double>>();
        var problems = new List<string>();
        foreach (var token in text[Prefix.Length..].ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == token.Length - 1)
            {
                problems.Add($"'{token}' is not key=value");
                continue;
            }
            var key = token[..equals];
            var raw = token[(equals + 1)..];
            if (key == "step")
            {
                if (long.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) && s >= 0)
                {
                    step = s;
                }
                else
                {
                    problems.Add($"step '{raw}' is not a whole number of 0 or more");
                }
                continue;
            }
            if (key.Length > MaxKeyLength)
            {
                problems.Add($"the key '{key[..20]}...' is longer than {MaxKeyLength} characters");
                continue;
            }
            if (TryParseValue(raw, out var value))
            {
                values.Add(new(key, value));
            }
            else
            {
                problems.Add($"'{raw}' (for {key}) is not a number");
            }
        }
        return new MetricLine(step, values, problems);
    }

    public static bool TryParseValue(string raw, out double value)
    {
        ArgumentNullException.ThrowIfNull(raw);
        switch (raw.ToUpperInvariant())
        {
            case "NAN" or "+NAN" or "-NAN":
                value = double.NaN;
                return true;
            case "INF" or "+INF" or "INFINITY" or "+INFINITY":
                value = double.PositiveInfinity;
                return true;
            case "-INF" or "-INFINITY":
                value = double.NegativeInfinity;
                return true;
            default:
                return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
        }
    }
}
