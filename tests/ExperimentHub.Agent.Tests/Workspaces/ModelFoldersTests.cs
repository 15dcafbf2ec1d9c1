using ExperimentHub.Agent.Workspaces;
using ExperimentHub.Contracts.Agents;
using ExperimentHub.Testing;

namespace ExperimentHub.Agent.Tests.Workspaces;

public sealed class ModelFoldersTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new("models");

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Clean_empties_the_folder_and_keeps_it()
    {
        var folder = ModelFolders.Resolve(_scratch.Path, new TrialArtifacts("out/model", Clean: true));
        Directory.CreateDirectory(Path.Combine(folder, "sub"));
        await File.WriteAllTextAsync(Path.Combine(folder, "sub", "old.bin"), "old");
        await File.WriteAllTextAsync(Path.Combine(folder, "weights.bin"), "old");

        await using (await new ModelFolders().AcquireAsync(folder, clean: true, CancellationToken.None))
        {
            Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
        }
        Assert.Equal(_scratch.Combine("out", "model"), folder);
    }

    [Fact]
    public async Task Without_clean_the_files_stay_and_a_missing_folder_is_made()
    {
        var kept = _scratch.Combine("kept");
        Directory.CreateDirectory(kept);
        await File.WriteAllTextAsync(Path.Combine(kept, "weights.bin"), "old");
        var folders = new ModelFolders();
        await using (await folders.AcquireAsync(kept, clean: false, CancellationToken.None))
        {
            Assert.True(File.Exists(Path.Combine(kept, "weights.bin")));
        }
        await using (await folders.AcquireAsync(_scratch.Combine("new"), clean: false, CancellationToken.None))
        {
            Assert.True(Directory.Exists(_scratch.Combine("new")));
        }
    }

    [Fact]
    public async Task Trials_writing_the_same_folder_take_turns()
    {
        var folders = new ModelFolders();
        var first = await folders.AcquireAsync(_scratch.Combine("m"), clean: true, CancellationToken.None);
        var second = folders.AcquireAsync(_scratch.Combine("m", "."), clean: true, CancellationToken.None);
        var other = await folders.AcquireAsync(_scratch.Combine("other"), clean: true, CancellationToken.None);

        Assert.False(second.IsCompleted);
        await first.DisposeAsync();
        await using (await Eventually.ResultAsync(second, "the second trial to get the folder"))
        {
            await other.DisposeAsync();
        }
    }
}
