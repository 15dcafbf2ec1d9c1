namespace ExperimentHub.Testing;

/// <summary>
/// A read-only, non-seekable stream of <c>length</c> pseudo-random bytes made on the fly from a seed, so large bodies
/// never sit in memory. The same seed and length give the same bytes. It can fail after a number of bytes, to stand
/// for a client that disconnects mid-upload, or cancel a token there, to stand for a request that is aborted.
/// </summary>
public sealed class GeneratedStream(long length, int seed, long? failAfter = null, CancellationTokenSource? cancelAtFailure = null) : Stream
{
    private long _position;
    private ulong _state = (ulong)seed * 0x9E3779B97F4A7C15UL + 1;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>The bytes a <see cref="GeneratedStream"/> of this seed and length yields, all at once (for small checks).</summary>
    public static byte[] Bytes(int length, int seed)
    {
        using var stream = new GeneratedStream(length, seed);
        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (failAfter is { } limit && _position >= limit)
        {
            throw new IOException("The client went away mid-upload (simulated).");
        }

        var remaining = (failAfter ?? length) - _position;
        var count = (int)Math.Min(Math.Min(buffer.Length, remaining), length - _position);
        // Odd sizes on purpose: readers must cope with short reads.
        count = Math.Min(count, 61_441);
        for (var i = 0; i < count; i++)
        {
            // xorshift64*: cheap, deterministic, not compressible.
            _state ^= _state >> 12;
            _state ^= _state << 25;
            _state ^= _state >> 27;
            buffer[i] = (byte)((_state * 0x2545F4914F6CDD1DUL) >> 56);
        }

        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancelAtFailure is not null && failAfter is { } limit && _position >= limit)
        {
            cancelAtFailure.Cancel();
        }

        // A store that passes the request's token on sees the cancellation here; one that does not gets the IOException.
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
