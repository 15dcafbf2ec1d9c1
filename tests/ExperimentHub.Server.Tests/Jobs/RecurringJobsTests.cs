using System.Net.Http.Json;
using ExperimentHub.Server.Jobs;
using ExperimentHub.Server.Tests.Infrastructure;
using ExperimentHub.Testing;
using ExperimentHub.Testing.Databases;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ExperimentHub.Server.Tests.Jobs;

public sealed class RecurringJobsTests : IDisposable
{
    private readonly ExperimentHubFactory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Lease_reaping_and_sweep_coordination_run_as_recurring_hangfire_jobs_in_the_providers_storage()
    {
        using var client = _root.CreateAdminClient();
        (await client.GetAsync("/healthz")).EnsureSuccessStatusCode();
        var storage = _root.Services.GetRequiredService<JobStorage>();
        foreach (var (id, method) in new[]
        {
            (JobNames.ReapExpiredLeases, nameof(DispatchJobs.ReapExpiredLeasesAsync)),
            (JobNames.CoordinateRunningSweeps, nameof(DispatchJobs.CoordinateRunningSweepsAsync)),
        })
        {
            Assert.NotNull(RecurringJob(storage, id));
            // A job of it among the succeeded ones. Not the recurring job's last state: at a tick of a second or two a
            // newer job is often already enqueued when the test looks, and on a busy machine nearly always.
            await Eventually.TrueAsync(() => storage.GetMonitoringApi().SucceededJobs(0, 1000).Any(j => j.Value.Job?.Method.Name == method),
                $"{id} to have run and succeeded");
        }
        // On SQLite a file of their own beside the store; on the servers the store's database (a schema of Hangfire's).
        Assert.Equal(TestDatabase.IsSqlite, File.Exists(Path.Combine(_root.DataDir, JobsOptions.SqliteFileName)));
        Assert.IsType(TestDatabase.Provider switch
        {
            "postgres" => typeof(Hangfire.PostgreSql.PostgreSqlStorage),
            "sqlserver" => typeof(Hangfire.SqlServer.SqlServerStorage),
            _ => typeof(Hangfire.Storage.SQLite.SQLiteStorage),
        }, storage);
        Assert.Null(RecurringJob(storage, JobNames.ExportRunCatalog));
        // No compute backend is configured: no scaler or terminator runs.
        Assert.Null(RecurringJob(storage, JobNames.StartCapacity));
        Assert.Null(RecurringJob(storage, JobNames.TerminateRunawayCapacity));
    }

    [Fact]
    public async Task The_catalog_export_writes_the_catalog_to_the_configured_file_in_the_configured_format()
    {
        using var factory = _root.WithWebHostBuilder(b =>
        {
            b.UseSetting("ExperimentHub:CatalogExport:Cron", "0 3 * * *");
            b.UseSetting("ExperimentHub:CatalogExport:Path", "exports/catalog.jsonl");
            b.UseSetting("ExperimentHub:CatalogExport:Format", "jsonl");
        });
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", ExperimentHubFactory.AdminKey);
        (await client.PostAsJsonAsync("/api/v1/projects", new { key = "exp", name = "exp" })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/v1/projects/exp/runs", new { name = "first", @params = new { lr = 0.1 } })).EnsureSuccessStatusCode();

        var storage = factory.Services.GetRequiredService<JobStorage>();
        Assert.Equal("0 3 * * *", RecurringJob(storage, JobNames.ExportRunCatalog)?.Cron);
        factory.Services.GetRequiredService<IRecurringJobManager>().Trigger(JobNames.ExportRunCatalog);

        var file = Path.Combine(_root.DataDir, "exports", "catalog.jsonl");
        var text = await Eventually.ValueAsync(() => Task.FromResult(File.Exists(file) ? File.ReadAllText(file) : null), "the catalog file");
        var line = Assert.Single(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("\"first\"", line, StringComparison.Ordinal);
        Assert.Contains("\"exp\"", line, StringComparison.Ordinal);
        Assert.False(File.Exists(file + ".partial"));
    }

    private static RecurringJobDto? RecurringJob(JobStorage storage, string id)
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs([id]).FirstOrDefault(j => !j.Removed);
    }
}
