using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExperimentHub.Server.Data.Configurations;

internal sealed class ComputeInstanceConfiguration : IEntityTypeConfiguration<ComputeInstance>
{
    public void Configure(EntityTypeBuilder<ComputeInstance> builder)
    {
        builder.ToTable("compute_instances");
        builder.HasKey(i => i.Id);
        builder.HasOne(i => i.Sweep).WithMany().HasForeignKey(i => i.SweepId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<ApiKey>().WithMany().HasForeignKey(i => i.ApiKeyId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(i => i.SweepId);
        builder.HasIndex(i => i.State);
        builder.HasIndex(i => new { i.Backend, i.ExternalId }).IsUnique();
    }
}
