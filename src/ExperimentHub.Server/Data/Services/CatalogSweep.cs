using System.Globalization;
using System.Text;
using System.Text.Json;
using ExperimentHub.Core.Spaces;
using ExperimentHub.Core.Specs;
using ExperimentHub.Core.Trials;

namespace ExperimentHub.Server.Data.Services;

/// <summary>
/// What the catalog tells of a run's sweep: its objectives and goals, its constraints, and its search space as one
/// JSON object (<see cref="SpaceJson"/>), so that a catalog row says what the run was searched for and in what space.
/// </summary>
public sealed record CatalogSweep(IReadOnlyList<Objective> Objectives, IReadOnlyList<Constraint> Constraints, string SpaceJson)
{
    /// <summary>The objectives as <c>metric:goal</c>, joined by <c>;</c> (one CSV cell).</summary>
    public string ObjectivesText => string.Join(";", Objectives.Select(o => $"{o.Metric}:{GoalName(o.Goal)}"));

    public static string GoalName(Goal goal) => goal == Goal.Maximize ? "maximize" : "minimize";

    /// <summary>A completed run with a finite value of every objective, within every constraint (as the samplers judge it).</summary>
    public bool IsFeasible(string status, IReadOnlyDictionary<string, double> metrics) =>
        status == "completed" &&
        new TrialRecord { Id = 0, Parameters = new Dictionary<string, object>(), State = TrialState.Completed, Metrics = metrics }
            .IsFeasible(Objectives, Constraints);

    /// <summary>The sweep of a stored spec; null when the text no longer parses.</summary>
    public static CatalogSweep? FromStored(string specText, string specFormat)
    {
        var parsed = SweepSpecParser.Parse(specText, string.Equals(specFormat, "json", StringComparison.OrdinalIgnoreCase) ? SpecFormat.Json : SpecFormat.Yaml);
        return parsed.Spec is { } spec ? new CatalogSweep(spec.Objectives, spec.Constraints, Space(spec.Space)) : null;
    }

    /// <summary>
    /// <c>{"lr": {"type": "float", "min": 0.0001, "max": 0.1, "log": true}, "opt": {"type": "categorical", "values": [...]}}</c>,
    /// with <c>step</c> and <c>when</c> where the spec has them.
    /// </summary>
    private static string Space(SearchSpace space)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var p in space.Parameters)
            {
                json.WriteStartObject(p.Name);
                json.WriteString("type", p.Kind.ToString().ToLowerInvariant());
                if (p.Kind == ParameterKind.Categorical)
                {
                    json.WriteStartArray("values");
                    foreach (var choice in p.Choices)
                    {
                        WriteValue(json, choice);
                    }
                    json.WriteEndArray();
                }
                else
                {
                    json.WriteNumber("min", p.Min);
                    json.WriteNumber("max", p.Max);
                    json.WriteBoolean("log", p.Log);
                    if (p.Step is { } step)
                    {
                        json.WriteNumber("step", step);
                    }
                }
                if (p.When is { } when)
                {
                    json.WriteStartObject("when");
                    json.WriteStartArray(when.Parent);
                    foreach (var value in when.Values)
                    {
                        WriteValue(json, value);
                    }
                    json.WriteEndArray();
                    json.WriteEndObject();
                }
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter json, object value)
    {
        switch (value)
        {
            case string s: json.WriteStringValue(s); break;
            case bool b: json.WriteBooleanValue(b); break;
            case long l: json.WriteNumberValue(l); break;
            case int i: json.WriteNumberValue(i); break;
            case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
            default: json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }
}
