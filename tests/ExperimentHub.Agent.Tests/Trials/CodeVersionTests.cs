using ExperimentHub.Agent.Trials;

namespace ExperimentHub.Agent.Tests.Trials;

public sealed class CodeVersionTests
{
    [Fact]
    public async Task A_folder_inside_a_repository_gives_the_commit_checked_out_there_and_its_worktree_its_own()
    {
        using var root = new TemporaryDirectory("code-version");
        var repo = root.Combine("repo");
        Directory.CreateDirectory(Path.Combine(repo, "src", "train"));
        await GitAsync(repo, "init", "-q", "-b", "main");
        await File.WriteAllTextAsync(Path.Combine(repo, "src", "train", "train.py"), "print(1)\n");
        await GitAsync(repo, "add", ".");
        await GitAsync(repo, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "first");
        var first = (await GitAsync(repo, "rev-parse", "HEAD")).Trim();

        Assert.Equal(first, CodeVersion.Of(Path.Combine(repo, "src", "train")));

        await GitAsync(repo, "pack-refs", "--all");
        Assert.Equal(first, CodeVersion.Of(repo));

        var worktree = root.Combine("wt");
        await GitAsync(repo, "worktree", "add", "-q", "-b", "other", worktree);
        await File.WriteAllTextAsync(Path.Combine(worktree, "more.py"), "print(2)\n");
        await GitAsync(worktree, "add", ".");
        await GitAsync(worktree, "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", "second");
        var second = (await GitAsync(worktree, "rev-parse", "HEAD")).Trim();
        Assert.NotEqual(first, second);
        Assert.Equal(second, CodeVersion.Of(worktree));
        Assert.Equal(first, CodeVersion.Of(repo));
    }

    [Fact]
    public void A_folder_outside_any_repository_has_no_code_version()
    {
        using var root = new TemporaryDirectory("no-repo");
        Assert.Null(CodeVersion.Of(root.Path));
    }

    private static async Task<string> GitAsync(string workdir, params string[] arguments)
    {
        var result = await ChildProcess.RunAsync("git", arguments, workdir, new Dictionary<string, string> { ["GIT_CONFIG_NOSYSTEM"] = "1" }, TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 0, result.Describe());
        return result.StandardOutput;
    }
}
