using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExperimentHub.Server.Data.Configurations;

internal sealed class AgentConfiguration : IEntityTypeConfiguration<Entities.Agent>
{
    public void Configure(EntityTypeBuilder<Entities.Agent> builder)
    {
        builder.ToTable("agents");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
    }
}
