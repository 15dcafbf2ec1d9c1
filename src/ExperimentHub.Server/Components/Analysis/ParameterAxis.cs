using ExperimentHub.Core.Spaces;

namespace ExperimentHub.Server.Components.Analysis;

/// <summary>
/// How a parameter sits on a chart axis: log10 for log parameters, the choice index for categorical ones, the value
/// itself otherwise. NaN for a trial where the parameter is missing (an inactive conditional parameter).
/// </summary>
public sealed class ParameterAxis
{
    private ParameterAxis(ParameterDefinition definition) => Definition = definition;

    public ParameterDefinition Definition { get; }

    public string Name => Definition.Name;

    public bool IsLog => Definition.Log && Definition.Kind != ParameterKind.Categorical;

    public bool IsCategorical => Definition.Kind == ParameterKind.Categorical;

    /// <summary>The axis range in axis units.</summary>
    public double Min => IsCategorical ? 0 : IsLog ? Math.Log10(Definition.Min) : Definition.Min;

    public double Max => IsCategorical ? Math.Max(0, Definition.Choices.Count - 1) : IsLog ? Math.Log10(Definition.Max) : Definition.Max;

    public IReadOnlyList<string> ChoiceNames => Definition.Choices.Select(Display.Value).ToList();

    public static ParameterAxis For(ParameterDefinition definition) => new(definition);

    public double ToAxis(IReadOnlyDictionary<string, object> parameters)
    {
        if (!parameters.TryGetValue(Name, out var value))
        {
            return double.NaN;
        }
        if (IsCategorical)
        {
            var index = Definition.IndexOf(value);
            return index < 0 ? double.NaN : index;
        }
        var x = ToDouble(value);
        return IsLog ? (x > 0 ? Math.Log10(x) : double.NaN) : x;
    }

    /// <summary>The real value at an axis position (for log axes, 10 to the power).</summary>
    public double FromAxis(double axis) => IsLog ? Math.Pow(10, axis) : axis;

    public static double ToDouble(object? value) => value switch
    {
        double d => d,
        float f => f,
        long l => l,
        int i => i,
        decimal m => (double)m,
        bool b => b ? 1 : 0,
        string s when double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) => d,
        System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Number } e => e.GetDouble(),
        _ => double.NaN,
    };
}
