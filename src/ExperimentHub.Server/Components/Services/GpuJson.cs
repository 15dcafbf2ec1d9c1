using System.Text.Json;
using ExperimentHub.Server.Components.Services.Models;

namespace ExperimentHub.Server.Components.Services;

/// <summary>Reads an agent's GPU list (a JSON array of objects), tolerant of the field names agents use.</summary>
internal static class GpuJson
{
    public static IReadOnlyList<GpuRow> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                return [];
            }
            var gpus = new List<GpuRow>();
            var position = 0;
            foreach (var item in doc.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }
                var index = Find(item, "index") is { ValueKind: JsonValueKind.Number } i ? i.GetInt32() : position;
                var model = Find(item, "name", "model") is { ValueKind: JsonValueKind.String } n ? n.GetString() ?? "GPU" : "GPU";
                long? memory = Find(item, "memoryMb", "memoryMiB", "memory_mb", "memoryTotalMb", "memory") is { ValueKind: JsonValueKind.Number } m
                    ? m.GetInt64()
                    : Find(item, "memoryBytes", "memory_bytes") is { ValueKind: JsonValueKind.Number } b ? b.GetInt64() / (1024 * 1024) : null;
                gpus.Add(new GpuRow(index, model, memory));
                position++;
            }
            return gpus;
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static JsonElement? Find(JsonElement obj, params string[] names)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (names.Any(n => string.Equals(n, property.Name, StringComparison.OrdinalIgnoreCase)))
            {
                return property.Value;
            }
        }
        return null;
    }
}
