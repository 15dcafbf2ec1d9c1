using System.Globalization;
using ExperimentHub.Core.Detection;
using ExperimentHub.Core.Spaces;

namespace ExperimentHub.Server.Components.Pages.Detection;

/// <summary>
/// One detected parameter as the page edits it: kept or dropped, its range and its distribution (uniform or
/// log-uniform for numbers), or its choices. <see cref="ToParameter"/> gives the edited parameter for the spec.
/// </summary>
public sealed class DetectedParameterRow(DetectedParameter detected)
{
    public const string Uniform = "uniform";
    public const string LogUniform = "log-uniform";
    public const string Choice = "choice";

    public DetectedParameter Detected { get; } = detected;

    public string Name => Detected.Name;

    public bool Include { get; set; } = true;

    public double? Min { get; set; } = detected.Min;

    public double? Max { get; set; } = detected.Max;

    public string Distribution { get; set; } = detected.Kind == ParameterKind.Categorical ? Choice : detected.Log ? LogUniform : Uniform;

    /// <summary>The choices of a categorical parameter, comma-separated as the user edits them.</summary>
    public string Values { get; set; } = string.Join(", ", detected.Values.Select(FormatValue));

    public bool IsCategorical => Detected.Kind == ParameterKind.Categorical;

    public string KindText => Detected.Kind switch
    {
        ParameterKind.Int => "int",
        ParameterKind.Float => "float",
        _ => "categorical",
    };

    public string Original => FormatValue(Detected.Value);

    /// <summary>What is wrong with the edited range, in words; null when the row can go into a spec (or is dropped).</summary>
    public string? Problem
    {
        get
        {
            if (!Include)
            {
                return null;
            }
            if (IsCategorical)
            {
                return ParsedValues().Count == 0 ? "Give at least one value." : null;
            }
            if (Min is not { } min || Max is not { } max)
            {
                return "Give a minimum and a maximum.";
            }
            if (!double.IsFinite(min) || !double.IsFinite(max))
            {
                return "The range must be finite.";
            }
            if (min >= max)
            {
                return $"The minimum ({Format(min)}) must be below the maximum ({Format(max)}).";
            }
            if (Detected.Kind == ParameterKind.Int && (min != Math.Floor(min) || max != Math.Floor(max)))
            {
                return "An int parameter needs whole-number bounds.";
            }
            if (Distribution == LogUniform && min <= 0)
            {
                return "A log-uniform range must start above 0.";
            }
            return null;
        }
    }

    /// <summary>The parameter with the user's range, distribution and choices.</summary>
    public DetectedParameter ToParameter() => IsCategorical
        ? Detected with { Values = ParsedValues() }
        : Detected with { Min = Min, Max = Max, Log = Distribution == LogUniform };

    /// <summary>The choices as values: numbers and booleans where they read as such (when the original ones were), text otherwise.</summary>
    public IReadOnlyList<object> ParsedValues()
    {
        var textual = Detected.Values.Count > 0 && Detected.Values.All(v => v is string);
        return Values.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => v.Trim('"', '\''))
            .Where(v => v.Length > 0)
            .Select(v => textual ? v : ParseValue(v))
            .Distinct()
            .ToList();
    }

    private static object ParseValue(string text) =>
        text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase)
            ? bool.Parse(text)
            : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole)
                ? whole
                : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number : text;

    private static string FormatValue(object value) => value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
