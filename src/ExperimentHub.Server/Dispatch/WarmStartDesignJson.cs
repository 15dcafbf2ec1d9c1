using System.Text;
using System.Text.Json;
using ExperimentHub.Core.WarmStarts;

namespace ExperimentHub.Server.Dispatch;

/// <summary>
/// The sweeps row's <c>warm_start_design_json</c>: the related sweeps and the initial design of <c>warm_start: auto</c>,
/// parameters written as in <c>params_json</c>.
/// </summary>
public static class WarmStartDesignJson
{
    public static string Write(WarmStartPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("related");
            foreach (var r in plan.Related)
            {
                writer.WriteStartObject();
                writer.WriteNumber("sweepId", r.SweepId);
                writer.WriteNumber("similarity", r.Similarity);
                writer.WriteNumber("points", r.Points);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("design");
            foreach (var p in plan.Design)
            {
                writer.WriteStartObject();
                writer.WritePropertyName("params");
                writer.WriteRawValue(ParameterJson.Write(p.Parameters));
                writer.WriteNumber("sweepId", p.SourceSweepId);
                writer.WriteNumber("runId", p.SourceTrialId);
                writer.WriteNumber("similarity", p.Similarity);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static WarmStartPlan Read(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return WarmStartPlan.Empty;
        }
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var related = root.GetProperty("related").EnumerateArray()
            .Select(r => new RelatedSweep(r.GetProperty("sweepId").GetInt64(), r.GetProperty("similarity").GetDouble(), r.GetProperty("points").GetInt32()))
            .ToList();
        var design = root.GetProperty("design").EnumerateArray()
            .Select(p => new DesignPoint(ParameterJson.Read(p.GetProperty("params").GetRawText()), p.GetProperty("sweepId").GetInt64(),
                p.GetProperty("runId").GetInt64(), p.GetProperty("similarity").GetDouble()))
            .ToList();
        return new WarmStartPlan(related, design);
    }
}
