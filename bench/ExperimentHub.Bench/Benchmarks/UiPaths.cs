namespace ExperimentHub.Bench.Benchmarks;

/// <summary>Where the repository is, found from the bench's own output folder.</summary>
internal static class UiPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ExperimentHub.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No ExperimentHub.sln above {AppContext.BaseDirectory}: run the bench from its build output in the repository.");
    }
}
