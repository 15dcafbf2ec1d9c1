using System.Security.Cryptography;
using System.Text;
using ExperimentHub.Server.Storage;

namespace ExperimentHub.Server.Tests.Storage;

/// <summary>What every <see cref="IArtifactStore"/> must do; each store's test class runs all of it.</summary>
public abstract class ArtifactStoreContractTests
{
    /// <summary>Large enough to need several multipart parts at the 5 MiB part size the S3 tests use.</summary>
    protected const int LargeSize = 20_000_000;

    protected abstract IArtifactStore Store { get; }

    public static TheoryData<string> BadKeys => new()
    {
        "../escape.txt",
        "model/../../escape.txt",
        "..",
        "./model.bin",
        "/etc/passwd",
        "C:/Windows/win.ini",
        "model\\weights.bin",
        "model\0.bin",
        "model\u0001.bin",
        "model//weights.bin",
        "model/",
        "",
        new string('a', ArtifactKeys.MaxKeyLength + 1),
    };

    [Fact]
    public async Task Written_artifact_reads_back_the_same_bytes()
    {
        var bytes = GeneratedStream.Bytes(100_000, seed: 1);

        var written = await Store.WriteAsync("model/weights.bin", new MemoryStream(bytes), CancellationToken.None);

        Assert.Equal(bytes.Length, written);
        Assert.Equal(bytes, await ReadAllAsync("model/weights.bin"));
    }

    [Fact]
    public async Task Empty_artifact_round_trips()
    {
        var written = await Store.WriteAsync("empty.txt", new MemoryStream(), CancellationToken.None);

        Assert.Equal(0, written);
        Assert.Empty(Assert.IsType<byte[]>(await ReadAllAsync("empty.txt")));
    }

    [Fact]
    public async Task Missing_artifact_reads_as_null()
    {
        Assert.Null(await Store.OpenReadAsync("never/written.bin", CancellationToken.None));
    }

    [Fact]
    public async Task Writing_again_replaces_the_whole_artifact()
    {
        await Store.WriteAsync("log.txt", Text("a long first version of the log"), CancellationToken.None);

        await Store.WriteAsync("log.txt", Text("short"), CancellationToken.None);

        Assert.Equal("short", Encoding.UTF8.GetString((await ReadAllAsync("log.txt"))!));
    }

    [Fact]
    public async Task Deleted_artifact_is_gone_and_its_neighbours_stay()
    {
        await Store.WriteAsync("outputs/a.txt", Text("a"), CancellationToken.None);
        await Store.WriteAsync("outputs/b.txt", Text("b"), CancellationToken.None);

        await Store.DeleteAsync("outputs/a.txt", CancellationToken.None);

        Assert.Null(await Store.OpenReadAsync("outputs/a.txt", CancellationToken.None));
        Assert.Equal("b", Encoding.UTF8.GetString((await ReadAllAsync("outputs/b.txt"))!));
    }

    [Fact]
    public async Task Deleting_a_missing_artifact_does_nothing()
    {
        await Store.DeleteAsync("not/there.bin", CancellationToken.None);

        Assert.Null(await Store.OpenReadAsync("not/there.bin", CancellationToken.None));
    }

    [Fact]
    public async Task Artifact_can_be_written_again_after_delete()
    {
        await Store.WriteAsync("deep/folder/file.txt", Text("one"), CancellationToken.None);
        await Store.DeleteAsync("deep/folder/file.txt", CancellationToken.None);

        await Store.WriteAsync("deep/folder/file.txt", Text("two"), CancellationToken.None);

        Assert.Equal("two", Encoding.UTF8.GetString((await ReadAllAsync("deep/folder/file.txt"))!));
    }

    [Fact]
    public async Task Large_non_seekable_body_streams_through_and_back()
    {
        var expected = await HashAsync(new GeneratedStream(LargeSize, seed: 7));

        var written = await Store.WriteAsync("checkpoints/large.bin", new GeneratedStream(LargeSize, seed: 7), CancellationToken.None);

        Assert.Equal(LargeSize, written);
        await using var read = await Store.OpenReadAsync("checkpoints/large.bin", CancellationToken.None);
        Assert.NotNull(read);
        Assert.Equal(expected, await HashAsync(read));
    }

    [Fact]
    public async Task Small_non_seekable_body_is_stored()
    {
        var written = await Store.WriteAsync("small.bin", new GeneratedStream(12_345, seed: 3), CancellationToken.None);

        Assert.Equal(12_345, written);
        Assert.Equal(GeneratedStream.Bytes(12_345, seed: 3), await ReadAllAsync("small.bin"));
    }

    [Theory]
    [InlineData("résultats/modèle final.bin")]
    [InlineData("日本語/データ 1.txt")]
    [InlineData("plots/loss curve (epoch 10) ☃.png")]
    [InlineData("weird/a+b=c&d?e#f%20.txt")]
    [InlineData(".hidden/..dots../v1.0.tar.gz")]
    public async Task Keys_with_unicode_spaces_and_punctuation_round_trip(string key)
    {
        await Store.WriteAsync(key, Text(key), CancellationToken.None);

        Assert.Equal(key, Encoding.UTF8.GetString((await ReadAllAsync(key))!));
        await Store.DeleteAsync(key, CancellationToken.None);
        Assert.Null(await Store.OpenReadAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Keys_that_share_a_beginning_are_separate_artifacts()
    {
        await Store.WriteAsync("runs/a/model", Text("1"), CancellationToken.None);
        await Store.WriteAsync("runs/a/model.bak", Text("2"), CancellationToken.None);
        await Store.WriteAsync("runs/a/modelx/y", Text("3"), CancellationToken.None);

        Assert.Equal("1", Encoding.UTF8.GetString((await ReadAllAsync("runs/a/model"))!));
        Assert.Equal("2", Encoding.UTF8.GetString((await ReadAllAsync("runs/a/model.bak"))!));
        Assert.Equal("3", Encoding.UTF8.GetString((await ReadAllAsync("runs/a/modelx/y"))!));
    }

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task Bad_keys_are_refused_by_every_operation(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync(key, Text("x"), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.OpenReadAsync(key, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task Failed_upload_keeps_the_previous_version()
    {
        await Store.WriteAsync("model.bin", Text("version 1"), CancellationToken.None);

        await Assert.ThrowsAsync<IOException>(() =>
            Store.WriteAsync("model.bin", new GeneratedStream(LargeSize, seed: 2, failAfter: LargeSize / 2), CancellationToken.None));

        Assert.Equal("version 1", Encoding.UTF8.GetString((await ReadAllAsync("model.bin"))!));
    }

    [Fact]
    public async Task Failed_first_upload_leaves_no_artifact()
    {
        await Assert.ThrowsAsync<IOException>(() =>
            Store.WriteAsync("partial.bin", new GeneratedStream(LargeSize, seed: 2, failAfter: 1_000_000), CancellationToken.None));

        Assert.Null(await Store.OpenReadAsync("partial.bin", CancellationToken.None));
    }

    [Fact]
    public async Task Cancelled_upload_stops_and_keeps_the_previous_version()
    {
        await Store.WriteAsync("cancel.bin", Text("kept"), CancellationToken.None);
        using var cancellation = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.WriteAsync(
            "cancel.bin", new GeneratedStream(LargeSize, seed: 4, failAfter: 7_000_000, cancelAtFailure: cancellation), cancellation.Token));

        Assert.Equal("kept", Encoding.UTF8.GetString((await ReadAllAsync("cancel.bin"))!));
    }

    [Fact]
    public async Task Reader_of_the_old_version_is_not_disturbed_by_a_replace()
    {
        var old = GeneratedStream.Bytes(200_000, seed: 10);
        await Store.WriteAsync("swap.bin", new MemoryStream(old), CancellationToken.None);
        await using var reader = await Store.OpenReadAsync("swap.bin", CancellationToken.None);
        Assert.NotNull(reader);
        var head = new byte[1000];
        await reader.ReadExactlyAsync(head);

        await Store.WriteAsync("swap.bin", Text("new"), CancellationToken.None);

        using var rest = new MemoryStream();
        await reader.CopyToAsync(rest);
        byte[] whole = [.. head, .. rest.ToArray()];
        Assert.Equal(old, whole);
        Assert.Equal("new", Encoding.UTF8.GetString((await ReadAllAsync("swap.bin"))!));
    }

    protected static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    protected async Task<byte[]?> ReadAllAsync(string key)
    {
        await using var stream = await Store.OpenReadAsync(key, CancellationToken.None);
        if (stream is null)
        {
            return null;
        }

        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    protected static async Task<string> HashAsync(Stream stream)
    {
        using var sha = SHA256.Create();
        return Convert.ToHexString(await sha.ComputeHashAsync(stream));
    }
}
