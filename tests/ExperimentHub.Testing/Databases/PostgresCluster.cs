using Npgsql;

namespace ExperimentHub.Testing.Databases;

/// <summary>
/// A throw-away PostgreSQL 15 cluster in a temporary folder on a free 127.0.0.1 port, started once per test run
/// (Debian's initdb and pg_ctl; as user postgres when the tests run as root) and stopped when the run ends. Each
/// caller gets a database of its own.
/// </summary>
public sealed class PostgresCluster
{
    private static readonly Lazy<Task<PostgresCluster>> SharedCluster = new(StartAsync);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    private PostgresCluster(string folder, int port)
    {
        Folder = folder;
        Port = port;
    }

    public string Folder { get; }

    public int Port { get; }

    /// <summary>The run's cluster, started on first use.</summary>
    public static Task<PostgresCluster> SharedAsync() => SharedCluster.Value;

    /// <summary>The connection string of database <paramref name="name"/>, created when it does not exist yet.</summary>
    public async Task<string> DatabaseAsync(string name)
    {
        await using (var admin = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", admin);
            exists.Parameters.AddWithValue("name", name);
            if (await exists.ExecuteScalarAsync() is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
                await create.ExecuteNonQueryAsync();
            }
        }
        return ConnectionString(name);
    }

    private string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        // Many small test databases: keep few idle connections per database.
        MaxPoolSize = 20,
        ConnectionIdleLifetime = 10,
    }.ToString();

    private static async Task<PostgresCluster> StartAsync()
    {
        var bin = FindBin();
        var folder = Directory.CreateTempSubdirectory("ehub-pg-").FullName;
        var data = Path.Combine(folder, "data");
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // initdb refuses to run as root: the cluster belongs to postgres, which needs the folder.
            await RunAsync("chown", ["postgres:postgres", folder]);
        }
        var port = FreePort.Next();
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"], asRoot);
        // Durability off: a test cluster lives for one run.
        var options = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-o", options, "-l", Path.Combine(folder, "log"), "-w", "start"], asRoot);
        var cluster = new PostgresCluster(folder, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop(bin, data, asRoot);
        return cluster;
    }

    private void Stop(string bin, string data, bool asRoot)
    {
        try
        {
            RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], asRoot).GetAwaiter().GetResult();
            Directory.Delete(Folder, recursive: true);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            Console.Error.WriteLine($"PostgresCluster: could not stop the cluster in {Folder}: {e.Message}");
        }
    }

    /// <summary>Debian's versioned folder, else the PATH.</summary>
    private static string FindBin()
    {
        const string Debian = "/usr/lib/postgresql/15/bin";
        if (File.Exists(Path.Combine(Debian, "initdb")))
        {
            return Debian;
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length > 0 && File.Exists(Path.Combine(dir, "initdb")))
            {
                return dir;
            }
        }
        throw new InvalidOperationException("PostgreSQL 15 is not installed (no initdb in /usr/lib/postgresql/15/bin or on the PATH): run ./eng/test.sh, which installs Debian's postgresql");
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres = false)
    {
        var (file, args) = asPostgres ? ("runuser", (IReadOnlyList<string>)["-u", "postgres", "--", program, .. arguments]) : (program, arguments);
        var result = await ChildProcess.RunAsync(file, args, Path.GetTempPath(), new Dictionary<string, string>(), CommandTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed: {result.Describe()}");
        }
    }
}
