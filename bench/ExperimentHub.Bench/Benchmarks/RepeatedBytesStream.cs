namespace ExperimentHub.Bench.Benchmarks;

/// <summary>A non-seekable body of <c>length</c> bytes cut from one random block, like an upload of unknown length.</summary>
internal sealed class RepeatedBytesStream(long length) : Stream
{
    private static readonly byte[] Block = CreateBlock();
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var start = (int)(_position % Block.Length);
        var count = (int)Math.Min(Math.Min(buffer.Length, Block.Length - start), length - _position);
        Block.AsSpan(start, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static byte[] CreateBlock()
    {
        var block = new byte[1 << 20];
        new Random(42).NextBytes(block);
        return block;
    }
}
