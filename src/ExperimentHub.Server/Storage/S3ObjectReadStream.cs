using Amazon.S3.Model;

namespace ExperimentHub.Server.Storage;

/// <summary>
/// The body of an S3 GET, read as it arrives; disposing it releases the HTTP response. <see cref="Length"/> is the
/// object's size (from Content-Length) although the stream cannot seek, so callers can announce it.
/// </summary>
internal sealed class S3ObjectReadStream : Stream
{
    private readonly GetObjectResponse _response;
    private readonly Stream _body;
    private long _position;

    public S3ObjectReadStream(GetObjectResponse response)
    {
        _response = response;
        _body = response.ResponseStream;
        Length = response.Headers.ContentLength;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length { get; }

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException("An S3 download stream cannot seek.");
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(_body.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(_body.Read(buffer));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(await _body.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await _body.ReadAsync(buffer, cancellationToken));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("An S3 download stream cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("An S3 download stream is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("An S3 download stream is read-only.");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body.Dispose();
            _response.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _body.DisposeAsync();
        _response.Dispose();
        await base.DisposeAsync();
    }

    private int Count(int read)
    {
        _position += read;
        return read;
    }
}
