using ExperimentHub.Core.Specs;
using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExperimentHub.Server.Data.Configurations;

internal sealed class SweepConfiguration : IEntityTypeConfiguration<Sweep>
{
    public void Configure(EntityTypeBuilder<Sweep> builder)
    {
        builder.ToTable("sweeps");
        builder.HasKey(s => s.Id);
        builder.HasOne(s => s.Project).WithMany(p => p.Sweeps).HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.Status);
        // As the hand-written schema had it: a row written without a backend (a raw insert, an older writer) uses agents.
        builder.Property(s => s.ComputeBackend).HasDefaultValue(ComputeBackend.Agents);
    }
}
