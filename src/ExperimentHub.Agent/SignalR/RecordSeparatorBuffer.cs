namespace ExperimentHub.Agent.SignalR;

/// <summary>
/// Collects bytes as WebSocket frames arrive and hands out whole messages ended by the record separator 0x1E.
/// A message may span many frames and one frame may hold many messages; frame boundaries mean nothing.
/// </summary>
internal sealed class RecordSeparatorBuffer(int maxMessageBytes)
{
    public const byte RecordSeparator = 0x1e;

    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;
    // Where the search for the next separator resumes, so a long message is scanned once.
    private int _scanned;

    /// <summary>Room for at least <paramref name="sizeHint"/> more bytes; write into it and call <see cref="Advance"/>.</summary>
    public Memory<byte> GetWriteMemory(int sizeHint)
    {
        if (_start > 0 && _end == _start)
        {
            _start = _end = _scanned = 0;
        }
        if (_buffer.Length - _end < sizeHint)
        {
            var live = _end - _start;
            if (live + sizeHint <= _buffer.Length / 2 && _start > 0)
            {
                Array.Copy(_buffer, _start, _buffer, 0, live);
            }
            else
            {
                var grown = new byte[Math.Max(_buffer.Length * 2, live + sizeHint)];
                Array.Copy(_buffer, _start, grown, 0, live);
                _buffer = grown;
            }
            _scanned -= _start;
            _start = 0;
            _end = live;
        }
        return _buffer.AsMemory(_end);
    }

    public void Advance(int count) => _end += count;

    public void Append(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetWriteMemory(bytes.Length).Span);
        Advance(bytes.Length);
    }

    /// <summary>The next whole message without its separator; valid until the next call on this buffer.</summary>
    public bool TryRead(out ReadOnlyMemory<byte> message)
    {
        var index = Array.IndexOf(_buffer, RecordSeparator, _scanned, _end - _scanned);
        if (index < 0)
        {
            _scanned = _end;
            message = default;
            return _end - _start > maxMessageBytes
                ? throw new InvalidDataException($"An incoming hub message exceeds the limit of {maxMessageBytes} bytes.")
                : false;
        }
        message = _buffer.AsMemory(_start, index - _start);
        _start = _scanned = index + 1;
        return true;
    }
}
