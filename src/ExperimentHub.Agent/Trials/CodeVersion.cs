namespace ExperimentHub.Agent.Trials;

/// <summary>
/// The code version a trial runs: the git commit checked out in its working folder (or the nearest folder above it
/// that is a repository), read from the repository's files so that no git program is needed. Null outside a repository.
/// </summary>
public static class CodeVersion
{
    public static string? Of(string folder)
    {
        try
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(folder)); dir is not null; dir = dir.Parent)
            {
                var dotGit = Path.Combine(dir.FullName, ".git");
                if (Directory.Exists(dotGit))
                {
                    return Head(dotGit);
                }
                if (File.Exists(dotGit))
                {
                    // A worktree or submodule: ".git" is a file naming the real git folder.
                    var pointer = File.ReadAllText(dotGit).Trim();
                    return pointer.StartsWith("gitdir:", StringComparison.Ordinal)
                        ? Head(Path.GetFullPath(pointer["gitdir:".Length..].Trim(), dir.FullName))
                        : null;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // An unreadable repository gives no version rather than no trial.
        }
        return null;
    }

    private static string? Head(string gitDir)
    {
        var headFile = Path.Combine(gitDir, "HEAD");
        if (!File.Exists(headFile))
        {
            return null;
        }
        var head = File.ReadAllText(headFile).Trim();
        if (!head.StartsWith("ref:", StringComparison.Ordinal))
        {
            return IsCommit(head) ? head : null;
        }
        var name = head["ref:".Length..].Trim();
        // A worktree keeps its HEAD apart and shares the refs of the main repository (its "commondir").
        var commonFile = Path.Combine(gitDir, "commondir");
        var common = File.Exists(commonFile) ? Path.GetFullPath(File.ReadAllText(commonFile).Trim(), gitDir) : gitDir;
        foreach (var root in new[] { gitDir, common }.Distinct(StringComparer.Ordinal))
        {
            var loose = Path.Combine(root, name.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(loose) && File.ReadAllText(loose).Trim() is var commit && IsCommit(commit))
            {
                return commit;
            }
            var packed = Path.Combine(root, "packed-refs");
            if (File.Exists(packed))
            {
                foreach (var line in File.ReadLines(packed))
                {
                    var parts = line.Split(' ', 2);
                    if (parts.Length == 2 && parts[1] == name && IsCommit(parts[0]))
                    {
                        return parts[0];
                    }
                }
            }
        }
        return null;
    }

    private static bool IsCommit(string text) => text.Length is 40 or 64 && text.All(char.IsAsciiHexDigit);
}
