using System.Text;
using ExperimentHub.Server.Storage;
using ExperimentHub.Server.Tests.Infrastructure;

namespace ExperimentHub.Server.Tests.Storage;

public sealed class LocalArtifactStoreTests : ArtifactStoreContractTests, IDisposable
{
    private readonly TemporaryDirectory _directory = new("local-store");
    private readonly LocalArtifactStore _store;

    public LocalArtifactStoreTests()
    {
        _store = new LocalArtifactStore(_directory.Combine("artifacts"));
    }

    protected override IArtifactStore Store => _store;

    public void Dispose() => _directory.Dispose();

    // Local only: s3rver writes an object's body and metadata separately, so racing PUTs can mix them there
    // (the SDK's MD5 check then refuses the download); S3 itself replaces objects atomically.
    [Fact]
    public async Task Concurrent_writes_to_one_key_leave_one_whole_version()
    {
        var versions = Enumerable.Range(1, 6).Select(seed => GeneratedStream.Bytes(300_000 + seed, seed)).ToArray();

        await Task.WhenAll(versions.Select(bytes => Task.Run(() => Store.WriteAsync("race.bin", new MemoryStream(bytes), CancellationToken.None))));

        var final = await ReadAllAsync("race.bin");
        Assert.Contains(versions, version => version.AsSpan().SequenceEqual(final));
    }

    [Fact]
    public async Task Longest_artifact_path_behind_a_run_prefix_is_stored()
    {
        // A 1024-character path under runs/{id}/, with a few segments as real paths have. Local only: S3 caps a
        // whole object key at 1024 bytes (S3ArtifactStoreTests shows the refusal).
        var path = string.Join('/', Enumerable.Range(0, 8).Select(i => new string((char)('a' + i), 126))) + "/" + new string('z', 8);
        var key = "runs/42/" + path;

        await _store.WriteAsync(key, Text("deep"), CancellationToken.None);

        Assert.Equal(ArtifactKeys.MaxLength, path.Length);
        Assert.Equal("deep", Encoding.UTF8.GetString((await ReadAllAsync(key))!));
    }

    [Fact]
    public async Task Artifacts_are_plain_files_under_the_root()
    {
        await _store.WriteAsync("model/weights.bin", Text("w"), CancellationToken.None);

        Assert.Equal("w", await File.ReadAllTextAsync(Path.Combine(_store.Root, "model", "weights.bin")));
    }

    [Fact]
    public async Task Failed_upload_leaves_no_temporary_file()
    {
        await Assert.ThrowsAsync<IOException>(() =>
            _store.WriteAsync("run/partial.bin", new GeneratedStream(5_000_000, seed: 1, failAfter: 1_000_000), CancellationToken.None));

        Assert.Empty(Directory.EnumerateFiles(_store.Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Nothing_is_written_outside_the_root_for_a_climbing_key()
    {
        var outside = _directory.Combine("escape.txt");

        await Assert.ThrowsAsync<ArgumentException>(() => _store.WriteAsync("../escape.txt", Text("x"), CancellationToken.None));

        Assert.False(File.Exists(outside));
    }

    [Fact]
    public async Task A_symbolic_link_below_the_root_is_never_followed()
    {
        var outside = _directory.Combine("outside");
        Directory.CreateDirectory(outside);
        await File.WriteAllTextAsync(Path.Combine(outside, "secret.txt"), "secret");
        Directory.CreateSymbolicLink(Path.Combine(_store.Root, "link"), outside);

        var read = await Assert.ThrowsAsync<ArgumentException>(() => _store.OpenReadAsync("link/secret.txt", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.WriteAsync("link/new.txt", Text("x"), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.DeleteAsync("link/secret.txt", CancellationToken.None));

        Assert.Contains("symbolic link", read.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(outside, "new.txt")));
        Assert.True(File.Exists(Path.Combine(outside, "secret.txt")));
    }

    [Fact]
    public async Task An_artifact_cannot_also_be_a_folder()
    {
        await _store.WriteAsync("a/b", Text("b"), CancellationToken.None);
        await _store.WriteAsync("c", Text("c"), CancellationToken.None);

        var folder = await Assert.ThrowsAsync<ArtifactPathConflictException>(() => _store.WriteAsync("a", Text("a"), CancellationToken.None));
        var file = await Assert.ThrowsAsync<ArtifactPathConflictException>(() => _store.WriteAsync("c/d", Text("d"), CancellationToken.None));

        Assert.Contains("'a'", folder.Message, StringComparison.Ordinal);
        Assert.Contains("'c' is an artifact", file.Message, StringComparison.Ordinal);
        Assert.Null(await _store.OpenReadAsync("a", CancellationToken.None));
        Assert.Equal("c", Encoding.UTF8.GetString((await ReadAllAsync("c"))!));
    }

    [Fact]
    public async Task Deleting_the_last_artifact_of_a_folder_removes_the_empty_folders()
    {
        await _store.WriteAsync("runs/7/plots/loss.png", Text("png"), CancellationToken.None);
        await _store.WriteAsync("runs/7/model.bin", Text("bin"), CancellationToken.None);

        await _store.DeleteAsync("runs/7/plots/loss.png", CancellationToken.None);

        Assert.False(Directory.Exists(Path.Combine(_store.Root, "runs", "7", "plots")));
        Assert.True(File.Exists(Path.Combine(_store.Root, "runs", "7", "model.bin")));
        Assert.True(Directory.Exists(_store.Root));
    }

    [Fact]
    public async Task Local_read_stream_is_seekable_with_a_known_length()
    {
        await _store.WriteAsync("sized.bin", new GeneratedStream(4321, seed: 5), CancellationToken.None);

        await using var stream = await _store.OpenReadAsync("sized.bin", CancellationToken.None);

        Assert.NotNull(stream);
        Assert.True(stream.CanSeek);
        Assert.Equal(4321, stream.Length);
    }

    [Fact]
    public void Root_is_created_and_made_absolute()
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, _directory.Combine("made", "here"));

        var store = new LocalArtifactStore(relative);

        Assert.True(Path.IsPathFullyQualified(store.Root));
        Assert.True(Directory.Exists(_directory.Combine("made", "here")));
    }
}
