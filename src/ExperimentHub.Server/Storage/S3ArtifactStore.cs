using System.Buffers;
using System.Net;
using System.Text;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Storage;

/// <summary>
/// Artifacts as objects in an S3 bucket (AWS or any S3-compatible server). Bodies up to one part go up in one PUT;
/// larger or unknown-length bodies stream up as a multipart upload, one part in flight while the next is read, so
/// memory stays at two parts whatever the size. A failed multipart upload is aborted.
/// </summary>
public sealed class S3ArtifactStore : IArtifactStore, IDisposable
{
    private const int MaxParts = 10_000;
    private const int MaxObjectKeyBytes = 1024;

    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly string _prefix;
    private readonly int _partSize;
    private readonly bool _createBucket;
    private readonly ILogger _logger;
    private readonly ArrayPool<byte> _buffers;
    private readonly SemaphoreSlim _bucketLock = new(1, 1);
    private volatile bool _bucketReady;

    public S3ArtifactStore(IOptions<ArtifactStorageOptions> options, ILogger<S3ArtifactStore> logger)
        : this(options?.Value.S3 ?? throw new ArgumentNullException(nameof(options)), logger)
    {
    }

    public S3ArtifactStore(S3ArtifactStoreOptions options, ILogger? logger = null)
        : this(options, logger, configure: null)
    {
    }

    /// <summary>With a last say on the SDK client's settings (tests watch the HTTP traffic through it).</summary>
    internal S3ArtifactStore(S3ArtifactStoreOptions options, ILogger? logger, Action<AmazonS3Config>? configure)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Bucket))
        {
            throw new ArgumentException($"{ArtifactStorageOptions.SectionName}:S3:Bucket is required.", nameof(options));
        }

        _bucket = options.Bucket;
        var prefix = options.Prefix?.Trim('/');
        _prefix = string.IsNullOrEmpty(prefix) ? string.Empty : prefix + "/";
        _partSize = Math.Clamp(options.PartSizeMiB, S3ArtifactStoreOptions.MinPartSizeMiB, S3ArtifactStoreOptions.MaxPartSizeMiB) * 1024 * 1024;
        _createBucket = options.CreateBucketIfMissing;
        _logger = logger ?? NullLogger.Instance;
        _buffers = ArrayPool<byte>.Create(_partSize, maxArraysPerBucket: 8);
        _client = CreateClient(options, configure);
    }

    /// <summary>The object key that holds <paramref name="key"/> (the configured prefix, then the key).</summary>
    public string ObjectKey(string key)
    {
        ArtifactKeys.EnsureValidKey(key, nameof(key));
        var objectKey = _prefix + key;
        var bytes = Encoding.UTF8.GetByteCount(objectKey);
        return bytes <= MaxObjectKeyBytes
            ? objectKey
            : throw new ArgumentException(
                $"The artifact path makes an S3 object key of {bytes} UTF-8 bytes; S3 allows {MaxObjectKeyBytes}.", nameof(key));
    }

    public async Task<long> WriteAsync(string key, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var objectKey = ObjectKey(key);
        await EnsureBucketAsync(cancellationToken);

        var first = _buffers.Rent(_partSize);
        byte[]? second = null;
        try
        {
            var filled = await FillAsync(content, first, _partSize, cancellationToken);
            if (filled < _partSize)
            {
                await PutSingleAsync(objectKey, first, filled, cancellationToken);
                return filled;
            }

            // One part's worth read: only more bytes make it a multipart upload.
            second = _buffers.Rent(_partSize);
            var secondFilled = await FillAsync(content, second, _partSize, cancellationToken);
            if (secondFilled == 0)
            {
                await PutSingleAsync(objectKey, first, filled, cancellationToken);
                return filled;
            }

            return await PutMultipartAsync(objectKey, content, first, second, secondFilled, cancellationToken);
        }
        finally
        {
            _buffers.Return(first);
            if (second is not null)
            {
                _buffers.Return(second);
            }
        }
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var objectKey = ObjectKey(key);
        await EnsureBucketAsync(cancellationToken);
        try
        {
            var response = await _client.GetObjectAsync(new GetObjectRequest { BucketName = _bucket, Key = objectKey }, cancellationToken);
            return new S3ObjectReadStream(response);
        }
        catch (AmazonServiceException e) when (IsMissingKey(e))
        {
            return null;
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var objectKey = ObjectKey(key);
        await EnsureBucketAsync(cancellationToken);
        // S3 answers a delete of a missing key with success, which is the contract.
        await _client.DeleteObjectAsync(new DeleteObjectRequest { BucketName = _bucket, Key = objectKey }, cancellationToken);
    }

    public void Dispose()
    {
        _client.Dispose();
        _bucketLock.Dispose();
    }

    internal static AmazonS3Client CreateClient(S3ArtifactStoreOptions options, Action<AmazonS3Config>? configure = null)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            // AWSSDK 4 adds CRC checksums (trailers, aws-chunked bodies) to every request by default; many
            // S3-compatible servers reject or mangle them. Checksums only where the operation requires one.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }
        else
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region;
        }

        configure?.Invoke(config);

        return string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    private async Task PutSingleAsync(string objectKey, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(buffer, 0, length, writable: false);
        await _client.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _bucket,
            Key = objectKey,
            InputStream = body,
            AutoCloseStream = false,
            // A plain signed body: aws-chunked encoding is what S3-compatible servers most often get wrong.
            UseChunkEncoding = false,
        }, cancellationToken);
    }

    /// <summary>
    /// Uploads <paramref name="first"/> (a whole part), <paramref name="second"/> and the rest of the body as parts,
    /// one part travelling while the next is read into the other buffer. Both buffers are free again on return.
    /// </summary>
    private async Task<long> PutMultipartAsync(
        string objectKey, Stream content, byte[] first, byte[] second, int secondFilled, CancellationToken cancellationToken)
    {
        var initiated = await _client.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = _bucket, Key = objectKey }, cancellationToken);
        var uploadId = initiated.UploadId;

        using var uploads = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var parts = new List<PartETag>();
        Task<PartETag>? inFlight = null;
        try
        {
            // The second buffer already holds part 2, so part 1 goes alone.
            parts.Add(await UploadPartAsync(objectKey, uploadId, 1, first, _partSize, uploads.Token));
            long total = _partSize;
            var (current, filled, spare) = (second, secondFilled, first);
            for (var partNumber = 2; ; partNumber++)
            {
                if (partNumber > MaxParts)
                {
                    throw new InvalidOperationException(
                        $"The artifact is larger than {MaxParts} parts of {_partSize / (1024 * 1024)} MiB; raise {ArtifactStorageOptions.SectionName}:S3:PartSizeMiB.");
                }

                inFlight = UploadPartAsync(objectKey, uploadId, partNumber, current, filled, uploads.Token);
                total += filled;
                var nextFilled = await FillAsync(content, spare, _partSize, cancellationToken);
                parts.Add(await inFlight);
                inFlight = null;
                if (nextFilled == 0)
                {
                    break;
                }

                (current, filled, spare) = (spare, nextFilled, current);
            }

            var complete = new CompleteMultipartUploadRequest { BucketName = _bucket, Key = objectKey, UploadId = uploadId };
            complete.AddPartETags(parts);
            await _client.CompleteMultipartUploadAsync(complete, cancellationToken);
            return total;
        }
        catch (Exception failure)
        {
            await uploads.CancelAsync();
            if (inFlight is not null)
            {
                // The part's buffer goes back to the pool only once its request is over.
                await inFlight.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            await AbortAsync(objectKey, uploadId, failure);
            throw;
        }
    }

    private async Task<PartETag> UploadPartAsync(string objectKey, string uploadId, int partNumber, byte[] buffer, int length, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(buffer, 0, length, writable: false);
        var response = await _client.UploadPartAsync(new UploadPartRequest
        {
            BucketName = _bucket,
            Key = objectKey,
            UploadId = uploadId,
            PartNumber = partNumber,
            PartSize = length,
            InputStream = body,
            UseChunkEncoding = false,
        }, cancellationToken);
        return new PartETag(partNumber, response.ETag);
    }

    private async Task AbortAsync(string objectKey, string uploadId, Exception failure)
    {
        try
        {
            // Not cancellable: an upload left behind costs storage until a lifecycle rule removes it.
            await _client.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = _bucket, Key = objectKey, UploadId = uploadId }, CancellationToken.None);
            _logger.LogWarning(failure, "Aborted the multipart upload of {Key} to bucket {Bucket} after a failure", objectKey, _bucket);
        }
        catch (Exception abortFailure) when (abortFailure is AmazonServiceException or HttpRequestException or IOException)
        {
            _logger.LogError(abortFailure, "Could not abort the multipart upload {UploadId} of {Key} to bucket {Bucket}; it failed with {Failure}",
                uploadId, objectKey, _bucket, failure.Message);
        }
    }

    private async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (!_createBucket || _bucketReady)
        {
            return;
        }

        await _bucketLock.WaitAsync(cancellationToken);
        try
        {
            if (_bucketReady)
            {
                return;
            }

            if (!await BucketExistsAsync(cancellationToken))
            {
                try
                {
                    await _client.PutBucketAsync(new PutBucketRequest { BucketName = _bucket, UseClientRegion = true }, cancellationToken);
                    _logger.LogInformation("Created the artifact bucket {Bucket}", _bucket);
                }
                catch (AmazonS3Exception e) when (e.ErrorCode == "BucketAlreadyOwnedByYou")
                {
                    // Another server created it meanwhile.
                }
            }

            _bucketReady = true;
        }
        finally
        {
            _bucketLock.Release();
        }
    }

    /// <summary>
    /// A 404 for the key, not for the bucket. Checked on the body too: some servers (s3rver among them) send error XML
    /// the SDK cannot parse when the key has non-ASCII characters, which leaves the error code empty.
    /// </summary>
    private static bool IsMissingKey(AmazonServiceException e) =>
        e.StatusCode == HttpStatusCode.NotFound
        && e.ErrorCode != "NoSuchBucket"
        && !e.Message.Contains("<Code>NoSuchBucket</Code>", StringComparison.Ordinal);

    private async Task<bool> BucketExistsAsync(CancellationToken cancellationToken)
    {
        try
        {
            // HEAD bucket is the one existence check that every S3-compatible server implements.
            await _client.HeadBucketAsync(new HeadBucketRequest { BucketName = _bucket }, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Reads until <paramref name="size"/> bytes are in <paramref name="buffer"/> or the stream ends; returns the bytes read.</summary>
    private static async Task<int> FillAsync(Stream content, byte[] buffer, int size, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < size)
        {
            var read = await content.ReadAsync(buffer.AsMemory(filled, size - filled), cancellationToken);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }
}
