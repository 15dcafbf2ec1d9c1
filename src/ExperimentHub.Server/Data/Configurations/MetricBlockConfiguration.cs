using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExperimentHub.Server.Data.Configurations;

internal sealed class MetricBlockConfiguration : IEntityTypeConfiguration<MetricBlock>
{
    public void Configure(EntityTypeBuilder<MetricBlock> builder)
    {
        builder.ToTable("metric_blocks");
        builder.HasKey(b => new { b.RunId, b.Key, b.Block });
        builder.HasOne(b => b.Run).WithMany().HasForeignKey(b => b.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
