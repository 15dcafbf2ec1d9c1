using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExperimentHub.Server.Data.Configurations;

internal sealed class RunConfiguration : IEntityTypeConfiguration<Run>
{
    public void Configure(EntityTypeBuilder<Run> builder)
    {
        builder.ToTable("runs");
        builder.HasKey(r => r.Id);
        builder.HasOne(r => r.Project).WithMany(p => p.Runs).HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Sweep).WithMany(s => s.Runs).HasForeignKey(r => r.SweepId).OnDelete(DeleteBehavior.Cascade);
        // The dispatcher's queries: a sweep's trials by state, and expired leases.
        builder.HasIndex(r => new { r.SweepId, r.Status });
        builder.HasIndex(r => new { r.SweepId, r.TrialNumber }).IsUnique();
        builder.HasIndex(r => new { r.Status, r.LeaseExpiresAt });
        builder.HasIndex(r => new { r.ProjectId, r.Id });
        builder.Property(r => r.LogTail).HasMaxLength(Run.MaxLogTailChars);
    }
}
