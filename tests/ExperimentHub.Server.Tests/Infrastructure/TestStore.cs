using ExperimentHub.Server.Auth;
using ExperimentHub.Server.Data;
using ExperimentHub.Server.Data.Services;
using ExperimentHub.Server.Events;
using ExperimentHub.Testing.Databases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ExperimentHub.Server.Tests.Infrastructure;

/// <summary>The store on a fresh SQLite file (or a fresh database of the provider under test), wired by hand as the host would, for data-layer tests.</summary>
public sealed class TestStore : IDisposable
{
    private readonly TemporaryDirectory _directory = new();
    private readonly WriteGate _gate = new();

    public TestStore(params IMetricSink[] sinks)
    {
        Options = Microsoft.Extensions.Options.Options.Create(new StoreOptions { DataDir = _directory.Path });
        Connections = new SqliteConnectionFactory(Options);
        Database = TestDatabase.IsSqlite
            ? new StoreDatabase(DatabaseProvider.Sqlite, Connections.ConnectionString)
            : new StoreDatabase(DatabaseOptions.Names[TestDatabase.Provider], TestDatabase.ConnectionStringFor(_directory.Path));
        Migrator = new StoreMigrator(Database, NullLogger<StoreMigrator>.Instance, TimeProvider.System);
        var dbOptions = Database.Configure(new DbContextOptionsBuilder<ExperimentHubDb>()).Options;
        Contexts = new PooledDbContextFactory<ExperimentHubDb>(dbOptions);
        Events = new ExperimentEvents(TimeProvider.System, NullLogger<ExperimentEvents>.Instance);
        Ingest = new MetricIngest(Connections, Database, Contexts, _gate, Events, sinks, TimeProvider.System, NullLogger<MetricIngest>.Instance);
        Series = new MetricSeriesReader(Contexts);
        Summaries = new MetricSummaries(Contexts);
        Runs = new RunStore(Contexts, new ApiKeyIssuer(TimeProvider.System), TimeProvider.System, Events);
        Projects = new ProjectStore(Contexts, TimeProvider.System, Events);
    }

    public IOptions<StoreOptions> Options { get; }

    public SqliteConnectionFactory Connections { get; }

    public StoreDatabase Database { get; }

    public StoreMigrator Migrator { get; }

    public IDbContextFactory<ExperimentHubDb> Contexts { get; }

    /// <summary>What the stores publish to once a change is committed.</summary>
    public IExperimentEvents Events { get; }

    public MetricIngest Ingest { get; }

    public MetricSeriesReader Series { get; }

    public MetricSummaries Summaries { get; }

    public RunStore Runs { get; }

    public ProjectStore Projects { get; }

    public Task<IReadOnlyList<string>> MigrateAsync() => Migrator.MigrateAsync(CancellationToken.None);

    /// <summary>A migrated store with one project and one run; returns the run's id.</summary>
    public async Task<long> NewRunAsync(string project = "p")
    {
        await MigrateAsync();
        var p = await Projects.FindAsync(project, CancellationToken.None)
            ?? await Projects.CreateAsync(project, project, null, CancellationToken.None);
        var created = await Runs.CreateAsync(p!.Id, "r", "{}", CancellationToken.None);
        return created.Run.Id;
    }

    public void Dispose()
    {
        _gate.Dispose();
        _directory.Dispose();
    }
}
