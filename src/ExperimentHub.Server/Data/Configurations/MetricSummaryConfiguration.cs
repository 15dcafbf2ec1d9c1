using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExperimentHub.Server.Data.Configurations;

internal sealed class MetricSummaryConfiguration : IEntityTypeConfiguration<MetricSummary>
{
    public void Configure(EntityTypeBuilder<MetricSummary> builder)
    {
        builder.ToTable("metric_summaries");
        builder.HasKey(s => new { s.RunId, s.Key });
        builder.Ignore(s => s.Last);
        builder.HasOne(s => s.Run).WithMany().HasForeignKey(s => s.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
