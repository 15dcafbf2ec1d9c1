using ExperimentHub.Agent.Tests.Trials;
using ExperimentHub.Agent.Workspaces;
using ExperimentHub.Contracts.Agents;
using ExperimentHub.Testing;

namespace ExperimentHub.Agent.Tests.Workspaces;

/// <summary>Sweep workspaces: a real git repository fetched with the git program, and an install that counts its runs.</summary>
public sealed class CodeWorkspacesTests : IDisposable
{
    private readonly TemporaryDirectory _scratch = new("workspaces");

    public void Dispose() => _scratch.Dispose();

    [Fact]
    public async Task Concurrent_trials_share_one_checkout_and_one_install()
    {
        var repository = await RepositoryAsync();
        var workspaces = new CodeWorkspaces(_scratch.Combine("agent", "ws"), _scratch.Combine("agent"));
        var code = new TrialCode(repository.Path, "main", "train", ["sh", "install.sh"]);

        var folders = await Task.WhenAll(Enumerable.Range(1, 4).Select(run =>
            workspaces.PrepareAsync(7, code, run, null, CancellationToken.None, CancellationToken.None)));
        var again = await workspaces.PrepareAsync(7, code, 5, null, CancellationToken.None, CancellationToken.None);

        Assert.All(folders, f => Assert.Equal(Path.Combine(workspaces.WorkspaceOf(7), "checkout", "train"), f));
        Assert.Equal(folders[0], again);
        Assert.Equal(1, Installs());
        Assert.True(File.Exists(Path.Combine(again, "installed.marker")));
        Assert.Equal("print('v1')\n", await File.ReadAllTextAsync(Path.Combine(again, "train.py")));
    }

    [Fact]
    public async Task A_restarted_agent_finds_the_marker_and_does_not_install_again()
    {
        var repository = await RepositoryAsync();
        var code = new TrialCode(repository.FileUrl, null, "train", ["sh", "install.sh"]);
        await new CodeWorkspaces(_scratch.Combine("ws"), _scratch.Path).PrepareAsync(1, code, 1, null, CancellationToken.None, CancellationToken.None);
        await new CodeWorkspaces(_scratch.Combine("ws"), _scratch.Path).PrepareAsync(1, code, 2, null, CancellationToken.None, CancellationToken.None);
        Assert.Equal(1, Installs());

        // Another install command is another preparation.
        await new CodeWorkspaces(_scratch.Combine("ws"), _scratch.Path).PrepareAsync(1, code with { Install = ["sh", "./install.sh"] }, 3, null,
            CancellationToken.None, CancellationToken.None);
        Assert.Equal(2, Installs());
    }

    [Fact]
    public async Task A_tag_or_a_commit_is_checked_out_and_a_relative_path_starts_at_the_work_folder()
    {
        var repository = await RepositoryAsync();
        await repository.TagAsync("v1");
        var first = (await repository.GitAsync("rev-parse", "HEAD")).Trim();
        await repository.CommitAsync("v2", new Dictionary<string, string> { ["train/train.py"] = "print('v2')\n" });
        var workspaces = new CodeWorkspaces(_scratch.Combine("ws"), _scratch.Path);

        var byTag = await workspaces.PrepareAsync(1, new TrialCode("agent/repo", "v1", "train", []), 1, null, CancellationToken.None, CancellationToken.None);
        var byCommit = await workspaces.PrepareAsync(2, new TrialCode("agent/repo", first, "train", []), 1, null, CancellationToken.None, CancellationToken.None);
        var byBranch = await workspaces.PrepareAsync(3, new TrialCode("agent/repo", "main", "train", []), 1, null, CancellationToken.None, CancellationToken.None);

        Assert.Equal("print('v1')\n", await File.ReadAllTextAsync(Path.Combine(byTag, "train.py")));
        Assert.Equal("print('v1')\n", await File.ReadAllTextAsync(Path.Combine(byCommit, "train.py")));
        Assert.Equal("print('v2')\n", await File.ReadAllTextAsync(Path.Combine(byBranch, "train.py")));
        Assert.Equal(0, Installs());
    }

    [Fact]
    public async Task A_repository_that_cannot_be_fetched_fails_with_gits_words()
    {
        var workspaces = new CodeWorkspaces(_scratch.Combine("ws"), _scratch.Path);
        var observer = new RecordingObserver();
        var error = await Assert.ThrowsAsync<WorkspaceException>(() =>
            workspaces.PrepareAsync(1, new TrialCode(_scratch.Combine("missing"), "main", null, []), 4, observer, CancellationToken.None, CancellationToken.None));

        Assert.StartsWith($"cannot fetch {_scratch.Combine("missing")} at main: git fetch failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not appear to be a git repository", error.Log, StringComparison.Ordinal);
        Assert.Contains(observer.Lines, l => l.StartsWith("[setup] $ git fetch", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_install_leaves_no_marker_and_the_next_trial_tries_again()
    {
        var repository = await RepositoryAsync(install: "echo \"installing\" >> \"" + _scratch.Combine("installs.log") + "\"\necho 'no such package: torch' >&2\nexit 3\n");
        var workspaces = new CodeWorkspaces(_scratch.Combine("ws"), _scratch.Path);
        var code = new TrialCode(repository.Path, null, "train", ["sh", "install.sh"]);

        var error = await Assert.ThrowsAsync<WorkspaceException>(() => workspaces.PrepareAsync(1, code, 1, null, CancellationToken.None, CancellationToken.None));
        // The reason is what the install said on standard error, not a bare exit code.
        Assert.StartsWith("the install command (sh install.sh) failed: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("no such package: torch", error.Message, StringComparison.Ordinal);
        Assert.Contains("no such package: torch", error.Log, StringComparison.Ordinal);
        Assert.Contains("no such package: torch", await File.ReadAllTextAsync(Path.Combine(workspaces.WorkspaceOf(1), "setup.log")), StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(workspaces.WorkspaceOf(1)), f => Path.GetFileName(f).StartsWith("ready-", StringComparison.Ordinal));

        await repository.CommitAsync("fix the install", new Dictionary<string, string> { ["train/install.sh"] = InstallScript() });
        var folder = await workspaces.PrepareAsync(1, code, 2, null, CancellationToken.None, CancellationToken.None);
        Assert.True(File.Exists(Path.Combine(folder, "installed.marker")));
        Assert.Equal(2, Installs());
    }

    [Fact]
    public async Task A_missing_dir_is_named()
    {
        var repository = await RepositoryAsync();
        var workspaces = new CodeWorkspaces(_scratch.Combine("ws"), _scratch.Path);
        var error = await Assert.ThrowsAsync<WorkspaceException>(() =>
            workspaces.PrepareAsync(1, new TrialCode(repository.Path, null, "nope", []), 1, null, CancellationToken.None, CancellationToken.None));
        Assert.Equal($"the folder 'nope' (code.dir) does not exist in the checkout of {repository.Path}", error.Message);
    }

    private int Installs() => File.Exists(_scratch.Combine("installs.log")) ? File.ReadAllLines(_scratch.Combine("installs.log")).Length : 0;

    private string InstallScript() => $"echo \"$PWD\" >> \"{_scratch.Combine("installs.log")}\"\ntouch installed.marker\n";

    private async Task<GitRepository> RepositoryAsync(string? install = null)
    {
        var repository = await GitRepository.InitAsync(_scratch.Combine("agent", "repo"));
        await repository.CommitAsync("v1", new Dictionary<string, string>
        {
            ["train/train.py"] = "print('v1')\n",
            ["train/install.sh"] = install ?? InstallScript(),
        });
        return repository;
    }
}
