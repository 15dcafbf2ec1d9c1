namespace ExperimentHub.Testing;

/// <summary>
/// A git repository made by a test in a folder of its own (<c>git init</c>, files written, commits), for agents to
/// fetch as a sweep's code. Commits carry a fixed author so that no git identity is needed on the machine.
/// </summary>
public sealed class GitRepository
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(30);
    private static readonly Dictionary<string, string> Identity = new(StringComparer.Ordinal)
    {
        ["GIT_AUTHOR_NAME"] = "ExperimentHub tests",
        ["GIT_AUTHOR_EMAIL"] = "tests@experimenthub.invalid",
        ["GIT_COMMITTER_NAME"] = "ExperimentHub tests",
        ["GIT_COMMITTER_EMAIL"] = "tests@experimenthub.invalid",
    };

    private GitRepository(string path) => Path = path;

    public string Path { get; }

    /// <summary>The repository as a <c>file://</c> URL.</summary>
    public string FileUrl => new Uri(Path).AbsoluteUri;

    /// <summary>An empty repository on branch <c>main</c> in <paramref name="path"/> (created when missing).</summary>
    public static async Task<GitRepository> InitAsync(string path)
    {
        Directory.CreateDirectory(path);
        var repository = new GitRepository(path);
        await repository.GitAsync("init", "--quiet", "--initial-branch=main");
        return repository;
    }

    /// <summary>Writes the files (relative path to content) and commits them; returns the commit.</summary>
    public async Task<string> CommitAsync(string message, IReadOnlyDictionary<string, string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var (relative, content) in files)
        {
            var file = System.IO.Path.Combine(Path, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(file)!);
            await File.WriteAllTextAsync(file, content);
        }
        await GitAsync("add", "--all");
        await GitAsync("commit", "--quiet", "--message", message);
        return (await GitAsync("rev-parse", "HEAD")).Trim();
    }

    public Task TagAsync(string name) => GitAsync("tag", name);

    public async Task<string> GitAsync(params string[] arguments)
    {
        var result = await ChildProcess.RunAsync("git", arguments, Path, Identity, GitTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {result.Describe()}");
        }
        return result.StandardOutput;
    }
}
