using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Data.Converters;
using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ExperimentHub.Server.Data;

/// <summary>
/// The store, on any of the three providers. This model is the schema's source of truth: each provider's EF
/// migrations under db/&lt;provider&gt;/ are generated from it (eng/db-migration.sh) through a type of its own
/// (<see cref="Migrations.SqliteStoreDb"/> and its siblings). Create one per operation through IDbContextFactory.
/// </summary>
public class ExperimentHubDb : DbContext
{
    public ExperimentHubDb(DbContextOptions<ExperimentHubDb> options)
        : base(options)
    {
    }

    /// <summary>For the per-provider migrations types, which carry their own options type.</summary>
    protected ExperimentHubDb(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<User> Users => Set<User>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Project> Projects => Set<Project>();
    public DbSet<Sweep> Sweeps => Set<Sweep>();
    public DbSet<Run> Runs => Set<Run>();
    public DbSet<MetricPoint> MetricPoints => Set<MetricPoint>();
    public DbSet<MetricSummary> MetricSummaries => Set<MetricSummary>();
    public DbSet<MetricBlock> MetricBlocks => Set<MetricBlock>();
    public DbSet<Artifact> Artifacts => Set<Artifact>();
    public DbSet<RegisteredAgent> Agents => Set<RegisteredAgent>();
    public DbSet<ProjectMember> ProjectMembers => Set<ProjectMember>();
    public DbSet<SetupToken> SetupTokens => Set<SetupToken>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<ComputeInstance> ComputeInstances => Set<ComputeInstance>();
    public DbSet<NotificationDelivery> NotificationDeliveries => Set<NotificationDelivery>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
        configurationBuilder.Properties<RunStatus>().HaveConversion<SnakeCaseEnumConverter<RunStatus>>();
        configurationBuilder.Properties<SweepStatus>().HaveConversion<SnakeCaseEnumConverter<SweepStatus>>();
        configurationBuilder.Properties<AgentStatus>().HaveConversion<SnakeCaseEnumConverter<AgentStatus>>();
        configurationBuilder.Properties<ApiKeyScope>().HaveConversion<SnakeCaseEnumConverter<ApiKeyScope>>();
        configurationBuilder.Properties<ProjectRole>().HaveConversion<SnakeCaseEnumConverter<ProjectRole>>();
        configurationBuilder.Properties<ComputeBackend>().HaveConversion<SnakeCaseEnumConverter<ComputeBackend>>();
        configurationBuilder.Properties<ComputeInstanceState>().HaveConversion<SnakeCaseEnumConverter<ComputeInstanceState>>();
        configurationBuilder.Properties<DeliveryStatus>().HaveConversion<SnakeCaseEnumConverter<DeliveryStatus>>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ExperimentHubDb).Assembly);
        // snake_case columns, as in the first hand-written SQLite schema, unless a configuration named the column itself.
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                if (property.FindAnnotation(RelationalAnnotationNames.ColumnName) is null)
                {
                    property.SetColumnName(SnakeCase.From(property.Name));
                }
            }
        }
    }
}
