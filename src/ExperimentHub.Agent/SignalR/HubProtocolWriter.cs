using System.Buffers;
using System.Text.Json;
using ExperimentHub.Contracts.Agents;

namespace ExperimentHub.Agent.SignalR;

/// <summary>Writes the JSON hub protocol's messages, each ended by the record separator.</summary>
internal static class HubProtocolWriter
{
    public const int InvocationType = 1;
    public const int StreamItemType = 2;
    public const int CompletionType = 3;
    public const int PingType = 6;
    public const int CloseType = 7;

    public static byte[] Handshake() =>
        Finish(w =>
        {
            w.WriteStartObject();
            w.WriteString("protocol", AgentHubProtocol.ProtocolName);
            w.WriteNumber("version", AgentHubProtocol.ProtocolVersion);
            w.WriteEndObject();
        });

    public static byte[] Ping() => Finish(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("type", PingType);
        w.WriteEndObject();
    });

    public static byte[] Close() => Finish(w =>
    {
        w.WriteStartObject();
        w.WriteNumber("type", CloseType);
        w.WriteEndObject();
    });

    public static byte[] Invocation(string? invocationId, string target, IReadOnlyList<object?> arguments, JsonSerializerOptions json) =>
        Finish(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("type", InvocationType);
            if (invocationId is not null)
            {
                w.WriteString("invocationId", invocationId);
            }
            w.WriteString("target", target);
            w.WriteStartArray("arguments");
            foreach (var argument in arguments)
            {
                if (argument is null)
                {
                    w.WriteNullValue();
                }
                else
                {
                    JsonSerializer.Serialize(w, argument, argument.GetType(), json);
                }
            }
            w.WriteEndArray();
            w.WriteEndObject();
        });

    /// <summary>The answer to a server call that wanted a result from this client, which offers none.</summary>
    public static byte[] CompletionError(string invocationId, string error) =>
        Finish(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("type", CompletionType);
            w.WriteString("invocationId", invocationId);
            w.WriteString("error", error);
            w.WriteEndObject();
        });

    private static byte[] Finish(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        buffer.GetSpan(1)[0] = RecordSeparatorBuffer.RecordSeparator;
        buffer.Advance(1);
        return buffer.WrittenSpan.ToArray();
    }
}
