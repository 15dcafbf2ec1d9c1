using System.Text;

namespace ExperimentHub.Core.Specs.Writing;

/// <summary>Writes notification targets as YAML flow mappings, one per line, as <see cref="Validation.NotifyReader"/> reads them.</summary>
internal static class NotifyYaml
{
    public static string WriteList(IReadOnlyList<NotifyTarget> targets, string indent)
    {
        var sb = new StringBuilder();
        foreach (var t in targets)
        {
            sb.Append(indent).Append("- {").Append(t.Channel == NotifyChannel.Webhook ? "webhook: " : "email: ")
                .Append(SweepSpecYamlWriter.Quote(t.Address))
                .Append(", on: [").AppendJoin(", ", t.On.Select(NotifyEvents.Name)).Append("]}\n");
        }
        return sb.ToString();
    }
}
