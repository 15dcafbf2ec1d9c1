namespace ExperimentHub.Testing;

/// <summary>Paths inside the repository, found from the test binaries by walking up to ExperimentHub.sln.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root (the folder that holds ExperimentHub.sln).</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>eng/test-tools: the npm packages of servers the tests start (s3rver).</summary>
    public static string TestTools => Combine("eng", "test-tools");

    /// <summary>The schema versions in db/migrations (NNNN_name.sql), in order: what a fresh store ends up at.</summary>
    public static IReadOnlyList<int> MigrationVersions => Directory.GetFiles(Combine("db", "migrations"), "*.sql")
        .Select(f => int.Parse(Path.GetFileName(f)[..4], System.Globalization.CultureInfo.InvariantCulture))
        .Order()
        .ToList();

    /// <summary>A path below the repository root.</summary>
    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ExperimentHub.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No ExperimentHub.sln above {AppContext.BaseDirectory}; the tests must run from a build inside the repository.");
    }
}
