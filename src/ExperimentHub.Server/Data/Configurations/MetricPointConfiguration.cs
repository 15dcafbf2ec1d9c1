using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExperimentHub.Server.Data.Configurations;

internal sealed class MetricPointConfiguration : IEntityTypeConfiguration<MetricPoint>
{
    public void Configure(EntityTypeBuilder<MetricPoint> builder)
    {
        builder.ToTable("metric_points");
        // The key is the idempotency rule and the series scan order (the table is WITHOUT ROWID, so it is clustered).
        builder.HasKey(p => new { p.RunId, p.Key, p.Step });
        builder.Property(p => p.StoredValue).HasColumnName("value");
        builder.Ignore(p => p.Value);
        builder.HasOne(p => p.Run).WithMany().HasForeignKey(p => p.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
