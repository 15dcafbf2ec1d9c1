using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ExperimentHub.Server.Tests.Data;

/// <summary>Column defaults of the sweeps table that writers other than the app (a raw insert, a seeder) rely on, on each provider.</summary>
public sealed class SweepDefaultsTests : IDisposable
{
    private readonly TestStore _store = new();

    [Fact]
    public async Task A_sweep_inserted_without_a_compute_backend_reads_back_agents()
    {
        await _store.NewRunAsync("p");
        var project = (await _store.Projects.FindAsync("p", CancellationToken.None))!.Id;
        await using (var db = await _store.Contexts.CreateDbContextAsync())
        {
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO sweeps (project_id, name, spec_text, spec_format, status, trial_budget, parallel, extra_trials, created_at) " +
                "VALUES ({0}, 'raw', 'name: raw', 'yaml', 'running', 1, 1, 0, 0)", project);
        }

        await using var connection = _store.Database.CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT compute_backend FROM sweeps WHERE name = 'raw'";
        Assert.Equal("agents", await command.ExecuteScalarAsync());
        await using var read = await _store.Contexts.CreateDbContextAsync();
        Assert.Equal(ComputeBackend.Agents, (await read.Sweeps.AsNoTracking().SingleAsync(s => s.Name == "raw")).ComputeBackend);
    }

    public void Dispose() => _store.Dispose();
}
