using System.Globalization;
using System.Text;
using System.Text.Json;
using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Specs;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Core.Detection;

/// <summary>
/// Writes a detection as a proposed sweep spec in YAML, each parameter under a comment that names the line it was
/// found on and its original value, and the skipped constructs as comments at the end. Strings are written as JSON
/// strings (valid YAML), floats with a fraction or exponent so that they read back as floats.
/// </summary>
public static class DetectedSpecWriter
{
    public static string Write(SpaceDetection detection, DetectedSpecOptions options)
    {
        ArgumentNullException.ThrowIfNull(detection);
        ArgumentNullException.ThrowIfNull(options);
        if (detection.Parameters.Count == 0)
        {
            throw new ArgumentException("A spec needs at least one parameter; the detection found none.", nameof(detection));
        }
        var sb = new StringBuilder();
        var frameworks = detection.Parameters.GroupBy(p => p.Framework).Select(g => $"{g.Count()} {g.Key}");
        sb.Append("# Proposed by ehub space detect from ").Append(OneLine(options.ScriptName)).Append(": ")
            .Append(Count(detection.Parameters.Count, "hyperparameter")).Append(" (").AppendJoin(", ", frameworks).Append("), ")
            .Append(Count(detection.Skipped.Count, "construct")).Append(" skipped.\n");
        sb.Append("# Review the ranges; the rewritten script reads each value from EXPERIMENTHUB_PARAMS.\n");
        foreach (var note in options.Notes)
        {
            sb.Append("# ").Append(OneLine(note)).Append('\n');
        }
        sb.Append("name: ").Append(Quote(options.SweepName)).Append('\n');
        sb.Append("command: [").AppendJoin(", ", options.Command.Select(Quote)).Append("]\n");
        if (!string.IsNullOrEmpty(options.Workdir))
        {
            sb.Append("workdir: ").Append(Quote(options.Workdir)).Append('\n');
        }
        sb.Append("method: ").Append(options.Method.ToString().ToLowerInvariant()).Append('\n');
        sb.Append("objectives:\n");
        sb.Append("  - {metric: ").Append(Quote(options.Metric)).Append(", goal: ")
            .Append(options.Goal == Goal.Maximize ? "maximize" : "minimize").Append("}\n");
        sb.Append("parameters:\n");
        foreach (var p in detection.Parameters)
        {
            sb.Append("  # ").Append(OneLine(options.ScriptName)).Append(':').Append(Int(p.Line)).Append(": ").Append(OneLine(p.Source));
            if (p.Uses.Any(u => u != p.Line))
            {
                sb.Append("  (used on line ").AppendJoin(", ", p.Uses.Select(Int)).Append(')');
            }
            sb.Append("  [").Append(OneLine(p.Layer)).Append('.').Append(OneLine(p.Argument)).Append(" = ").Append(OneLine(Scalar(p.Value))).Append("]\n");
            sb.Append("  ").Append(Quote(p.Name)).Append(": ").Append(Range(p)).Append('\n');
        }
        sb.Append("budget: {trials: ").Append(Int(options.Trials)).Append(", parallel: ").Append(Int(options.Parallel)).Append("}\n");
        if (detection.Skipped.Count > 0)
        {
            sb.Append("# Skipped, not searched:\n");
            foreach (var s in detection.Skipped)
            {
                sb.Append("#   ").Append(OneLine(options.ScriptName)).Append(':').Append(Int(s.Line)).Append(':').Append(Int(s.Column))
                    .Append(": ").Append(OneLine(s.Layer)).Append('.').Append(OneLine(s.Argument)).Append(": ").Append(OneLine(s.Reason)).Append('\n');
            }
        }
        return sb.ToString();
    }

    private static string Range(DetectedParameter p) => p.Kind switch
    {
        ParameterKind.Categorical => "{values: [" + string.Join(", ", p.Values.Select(Scalar)) + "]}",
        ParameterKind.Int => $"{{type: int, min: {Whole(p.Min)}, max: {Whole(p.Max)}{(p.Log ? ", log: true" : "")}}}",
        _ => $"{{type: float, min: {Float(p.Min)}, max: {Float(p.Max)}{(p.Log ? ", log: true" : "")}}}",
    };

    /// <summary>A value as YAML reads it back: text quoted, booleans and numbers as they are.</summary>
    private static string Scalar(object value) => value switch
    {
        string s => Quote(s),
        bool b => b ? "true" : "false",
        double d => Float(d),
        float f => Float(f),
        IFormattable n => n.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(value.ToString() ?? ""),
    };

    private static string Float(double? value)
    {
        var d = value ?? throw new InvalidOperationException("A numeric parameter has no range.");
        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    private static string Whole(double? value) =>
        ((long)(value ?? throw new InvalidOperationException("A numeric parameter has no range."))).ToString(CultureInfo.InvariantCulture);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Count(int n, string noun) => $"{Int(n)} {noun}{(n == 1 ? "" : "s")}";

    private static string Quote(string text) => JsonSerializer.Serialize(text);

    /// <summary>Text inside a comment: one line, whatever the source held.</summary>
    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
