namespace ExperimentHub.Client.Tests.Infrastructure;

public static class RepoRoot
{
    /// <summary>The folder holding ExperimentHub.sln, found upwards from the test's output folder.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ExperimentHub.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No ExperimentHub.sln above {AppContext.BaseDirectory}.");
    }
}
