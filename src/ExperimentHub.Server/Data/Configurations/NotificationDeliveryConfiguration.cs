using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExperimentHub.Server.Data.Configurations;

internal sealed class NotificationDeliveryConfiguration : IEntityTypeConfiguration<NotificationDelivery>
{
    public void Configure(EntityTypeBuilder<NotificationDelivery> builder)
    {
        builder.ToTable("notification_deliveries");
        builder.HasKey(d => d.Id);
        builder.HasOne<Sweep>().WithMany().HasForeignKey(d => d.SweepId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.SweepId, d.Channel, d.Target, d.EventKey }).IsUnique().HasDatabaseName("ix_notification_deliveries_once");
    }
}
