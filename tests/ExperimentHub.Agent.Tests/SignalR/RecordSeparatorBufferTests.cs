using System.Text;
using ExperimentHub.Agent.SignalR;

namespace ExperimentHub.Agent.Tests.SignalR;

public class RecordSeparatorBufferTests
{
    [Fact]
    public void Many_messages_in_one_chunk_come_out_one_by_one()
    {
        var buffer = new RecordSeparatorBuffer(1024);
        buffer.Append("{\"type\":6}\u001e{\"a\":1}\u001e{\"b\""u8);

        Assert.Equal(["{\"type\":6}", "{\"a\":1}"], ReadAll(buffer));

        buffer.Append(":2}\u001e"u8);
        Assert.Equal(["{\"b\":2}"], ReadAll(buffer));
    }

    [Fact]
    public void A_message_split_over_many_chunks_is_joined()
    {
        var buffer = new RecordSeparatorBuffer(1 << 20);
        var message = new string('y', 100_000);
        var bytes = Encoding.UTF8.GetBytes(message + "\u001e");

        for (var offset = 0; offset < bytes.Length; offset += 777)
        {
            Assert.Empty(offset + 777 < bytes.Length ? ReadAll(buffer) : []);
            buffer.Append(bytes.AsSpan(offset, Math.Min(777, bytes.Length - offset)));
        }

        Assert.Equal([message], ReadAll(buffer));
    }

    [Fact]
    public void Space_is_reused_once_messages_are_read()
    {
        var buffer = new RecordSeparatorBuffer(1024);
        for (var i = 0; i < 10_000; i++)
        {
            buffer.Append(Encoding.UTF8.GetBytes($"m{i}\u001e"));
            Assert.Equal([$"m{i}"], ReadAll(buffer));
        }
    }

    [Fact]
    public void A_message_over_the_limit_is_refused()
    {
        var buffer = new RecordSeparatorBuffer(100);
        buffer.Append(new byte[150]);

        var error = Assert.Throws<InvalidDataException>(() => buffer.TryRead(out _));
        Assert.Contains("100 bytes", error.Message, StringComparison.Ordinal);
    }

    private static List<string> ReadAll(RecordSeparatorBuffer buffer)
    {
        var messages = new List<string>();
        while (buffer.TryRead(out var message))
        {
            messages.Add(Encoding.UTF8.GetString(message.Span));
        }
        return messages;
    }
}
