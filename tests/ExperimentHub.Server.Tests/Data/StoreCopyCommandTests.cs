using ExperimentHub.Server.Data.Copy;
using ExperimentHub.Testing;

namespace ExperimentHub.Server.Tests.Data;

/// <summary>`db copy --from/--to`: bad input is one line naming the option, exit 1, and no store is made or written.</summary>
public sealed class StoreCopyCommandTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new("copy-args");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("mysql:Server=127.0.0.1", "--from: 'mysql' is not a database to copy from: use sqlite:PATH")]
    [InlineData("sqlite:", "--from: sqlite needs the store's path")]
    [InlineData("sqlite:MISSING/experimenthub.db", "--from: there is no SQLite store at")]
    [InlineData("postgres:", "--from: ConnectionString is empty")]
    [InlineData("postgres:Host=127.0.0.1;Nonsense=1", "--from: ConnectionString is not a postgres connection string")]
    public async Task A_source_it_cannot_copy_from_is_refused_in_one_line(string from, string expected)
    {
        var (exit, error) = await CopyAsync(from.Replace("MISSING", _folder.Path, StringComparison.Ordinal), "sqlite:" + Path.Combine(_folder.Path, "copy.db"));

        AssertRefused(exit, error, expected);
    }

    [Theory]
    [InlineData("mysql:Server=127.0.0.1", "--to: 'mysql' is not a database to copy to")]
    [InlineData("sqlite:MISSING/nested/copy.db", "--to: the folder")]
    [InlineData("sqlserver:", "--to: ConnectionString is empty")]
    public async Task A_target_it_cannot_copy_to_is_refused_in_one_line(string to, string expected)
    {
        var source = Path.Combine(_folder.Path, "source.db");
        await File.WriteAllBytesAsync(source, []);

        var (exit, error) = await CopyAsync("sqlite:" + source, to.Replace("MISSING", _folder.Path, StringComparison.Ordinal));

        AssertRefused(exit, error, expected);
        Assert.Equal(0, new FileInfo(source).Length);
    }

    [Fact]
    public async Task A_source_database_that_does_not_answer_is_refused_naming_from()
    {
        var from = $"postgres:Host=127.0.0.1;Port={FreePort.Next()};Database=ehub;Username=postgres;Timeout=5";

        var (exit, error) = await CopyAsync(from, "sqlite:" + Path.Combine(_folder.Path, "copy.db"));

        AssertRefused(exit, error, "--from: the postgres database 'ehub' on 127.0.0.1");
        Assert.Contains("does not answer", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder.Path, "copy.db")));
    }

    [Fact]
    public async Task A_store_copied_onto_itself_is_refused()
    {
        var (exit, error) = await CopyAsync("sqlite:" + _folder.Path, "sqlite:" + Path.Combine(_folder.Path, "experimenthub.db"), seed: true);

        AssertRefused(exit, error, "the target is the source store itself");
    }

    private async Task<(int Exit, string Error)> CopyAsync(string from, string to, bool seed = false)
    {
        if (seed)
        {
            await File.WriteAllBytesAsync(Path.Combine(_folder.Path, "experimenthub.db"), []);
        }
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await StoreCopyCommand.RunAsync(from, to, _folder.Path, output, error, CancellationToken.None);
        return (exit, error.ToString());
    }

    private static void AssertRefused(int exit, string error, string expected)
    {
        Assert.Equal(1, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("ehub db copy: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }
}
