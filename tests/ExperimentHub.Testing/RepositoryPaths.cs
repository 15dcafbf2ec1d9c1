namespace ExperimentHub.Testing;

/// <summary>Paths inside the repository, found from the test binaries by walking up to ExperimentHub.sln.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root (the folder that holds ExperimentHub.sln).</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>eng/test-tools: the npm packages of servers the tests start (s3rver).</summary>
    public static string TestTools => Combine("eng", "test-tools");

    /// <summary>The hand-written SQLite schema files of the stores made before EF migrations (db/migrations/NNNN_name.sql), in order.</summary>
    public static IReadOnlyList<string> LegacySqliteMigrations => Directory.GetFiles(Combine("db", "migrations"), "*.sql")
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The EF migrations of a provider (db/&lt;provider&gt;/Migrations), by id, in order: what a fresh store ends up with.</summary>
    public static IReadOnlyList<string> EfMigrations(string provider) => Directory.GetFiles(Combine("db", provider, "Migrations"), "*.cs")
        .Select(Path.GetFileNameWithoutExtension)
        .Where(name => name!.Length > 15 && name[14] == '_' && name[..14].All(char.IsAsciiDigit) && !name.EndsWith(".Designer", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToList()!;

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
