using System.Text;
using Amazon.S3;
using Amazon.S3.Model;
using ExperimentHub.Server.Storage;
using ExperimentHub.Server.Tests.Infrastructure;

namespace ExperimentHub.Server.Tests.Storage;

/// <summary>The contract and the S3 specifics, against a real s3rver on 127.0.0.1.</summary>
public sealed class S3ArtifactStoreTests : ArtifactStoreContractTests, IClassFixture<S3rverFixture>, IDisposable
{
    private const string Prefix = "hub/artifacts";

    private readonly S3rverFixture _s3;
    private readonly string _bucket = S3rverFixture.UniqueBucketName("store");
    private readonly RecordingHttpClientFactory _http = new();
    private readonly S3ArtifactStore _store;

    public S3ArtifactStoreTests(S3rverFixture s3)
    {
        _s3 = s3;
        _store = new S3ArtifactStore(s3.StoreOptions(_bucket, Prefix), logger: null, config => config.HttpClientFactory = _http);
    }

    protected override IArtifactStore Store => _store;

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Objects_are_kept_under_the_prefix()
    {
        await _store.WriteAsync("model/weights.bin", Text("w"), CancellationToken.None);

        using var client = RawClient();
        var listed = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _bucket });
        Assert.Equal("hub/artifacts/model/weights.bin", Assert.Single(listed.S3Objects).Key);
        Assert.Equal("hub/artifacts/x/y", _store.ObjectKey("x/y"));
    }

    [Fact]
    public async Task Prefix_slashes_are_normalised_and_no_prefix_means_the_bucket_root()
    {
        var bucket = S3rverFixture.UniqueBucketName("prefix");
        using var slashed = new S3ArtifactStore(_s3.StoreOptions(bucket, "/team/"));
        using var bare = new S3ArtifactStore(_s3.StoreOptions(bucket));

        await slashed.WriteAsync("a.txt", Text("1"), CancellationToken.None);
        await bare.WriteAsync("a.txt", Text("2"), CancellationToken.None);

        using var client = RawClient();
        var listed = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket });
        Assert.Equal(["a.txt", "team/a.txt"], listed.S3Objects.Select(o => o.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Large_body_goes_up_as_a_multipart_upload()
    {
        await _store.WriteAsync("multipart.bin", new GeneratedStream(LargeSize, seed: 8), CancellationToken.None);

        // 20 MB in 5 MiB parts: four parts, each a PUT with partNumber.
        var parts = _http.Requests.Where(line => line.StartsWith("PUT ", StringComparison.Ordinal)
                                                 && line.Contains("/hub/artifacts/multipart.bin?", StringComparison.Ordinal)
                                                 && line.Contains("partNumber=", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, parts.Count);
        Assert.All(parts, part => Assert.EndsWith(" 200", part, StringComparison.Ordinal));
        using var client = RawClient();
        var head = await client.GetObjectMetadataAsync(_bucket, "hub/artifacts/multipart.bin");
        Assert.Equal(LargeSize, head.ContentLength);
    }

    [Fact]
    public async Task Body_of_exactly_one_part_goes_up_in_one_piece()
    {
        const int onePart = 5 * 1024 * 1024;

        await _store.WriteAsync("exact.bin", new GeneratedStream(onePart, seed: 9), CancellationToken.None);

        Assert.Equal(onePart, (await ReadAllAsync("exact.bin"))!.Length);
        Assert.DoesNotContain(_http.Requests, line => line.Contains("exact.bin?uploads", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failed_multipart_upload_is_aborted_and_the_original_error_surfaces()
    {
        var error = await Assert.ThrowsAsync<IOException>(() =>
            _store.WriteAsync("aborted.bin", new GeneratedStream(LargeSize, seed: 2, failAfter: 12_000_000), CancellationToken.None));

        Assert.Contains("simulated", error.Message, StringComparison.Ordinal);
        // s3rver answers the abort with 405 (it does not implement it); what matters is that the store asked.
        Assert.Contains(_http.Requests, line => line.StartsWith("DELETE ", StringComparison.Ordinal)
                                                && line.Contains("/hub/artifacts/aborted.bin?uploadId=", StringComparison.Ordinal));
        Assert.Null(await _store.OpenReadAsync("aborted.bin", CancellationToken.None));
    }

    [Fact]
    public async Task Key_too_long_for_S3_is_refused_naming_the_limit()
    {
        // 600 two-byte characters: a valid artifact path, but with the prefix over S3's 1024-byte key limit.
        var key = string.Join('/', Enumerable.Repeat(new string('é', 100), 6));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _store.WriteAsync(key, Text("x"), CancellationToken.None));

        Assert.Null(ArtifactKeys.Validate(key));
        Assert.Contains("S3 allows 1024", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_reports_the_object_length()
    {
        await _store.WriteAsync("len.bin", new GeneratedStream(54_321, seed: 6), CancellationToken.None);

        await using var stream = await _store.OpenReadAsync("len.bin", CancellationToken.None);

        Assert.NotNull(stream);
        Assert.False(stream.CanSeek);
        Assert.Equal(54_321, stream.Length);
    }

    [Fact]
    public async Task Bucket_is_created_on_first_use_when_configured()
    {
        var bucket = S3rverFixture.UniqueBucketName("created");
        using var store = new S3ArtifactStore(_s3.StoreOptions(bucket));

        await store.WriteAsync("first.txt", Text("hello"), CancellationToken.None);

        using var client = RawClient();
        var buckets = await client.ListBucketsAsync();
        Assert.Contains(buckets.Buckets, b => b.BucketName == bucket);
    }

    [Fact]
    public async Task Missing_bucket_without_creation_is_an_error_not_a_missing_artifact()
    {
        var options = _s3.StoreOptions(S3rverFixture.UniqueBucketName("absent"));
        options.CreateBucketIfMissing = false;
        using var store = new S3ArtifactStore(options);

        var read = await Assert.ThrowsAsync<AmazonS3Exception>(() => store.OpenReadAsync("x.txt", CancellationToken.None));
        var write = await Assert.ThrowsAsync<AmazonS3Exception>(() => store.WriteAsync("x.txt", Text("x"), CancellationToken.None));

        Assert.Equal("NoSuchBucket", read.ErrorCode);
        Assert.Equal("NoSuchBucket", write.ErrorCode);
    }

    [Fact]
    public async Task Existing_bucket_is_used_as_it_is()
    {
        var bucket = S3rverFixture.UniqueBucketName("existing");
        using (var client = RawClient())
        {
            await client.PutBucketAsync(bucket);
            await client.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "old.txt", ContentBody = "old", UseChunkEncoding = false });
        }

        using var store = new S3ArtifactStore(_s3.StoreOptions(bucket));

        Assert.Equal("old", Encoding.UTF8.GetString(await ReadAllFromAsync(store, "old.txt")));
    }

    private AmazonS3Client RawClient() => S3ArtifactStore.CreateClient(_s3.StoreOptions(_bucket));

    private static async Task<byte[]> ReadAllFromAsync(S3ArtifactStore store, string key)
    {
        await using var stream = await store.OpenReadAsync(key, CancellationToken.None);
        Assert.NotNull(stream);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
