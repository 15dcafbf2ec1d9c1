using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExperimentHub.Server.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(k => k.Id);
        builder.HasIndex(k => k.Hash).IsUnique();
        builder.HasIndex(k => k.PublicId).IsUnique();
        builder.HasIndex(k => k.ProjectId);
        builder.HasOne(k => k.User).WithMany(u => u.ApiKeys).HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(k => k.Project).WithMany().HasForeignKey(k => k.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(k => k.Run).WithMany().HasForeignKey(k => k.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Sweep>().WithMany().HasForeignKey(k => k.SweepId).OnDelete(DeleteBehavior.Cascade);
    }
}
