using ExperimentHub.Server.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExperimentHub.Server.Data.Configurations;

internal sealed class RegisteredAgentConfiguration : IEntityTypeConfiguration<RegisteredAgent>
{
    public void Configure(EntityTypeBuilder<RegisteredAgent> builder)
    {
        builder.ToTable("agents");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        // Binding an unbound agent to a key is a compare-and-set: of two keys registering it at once, one wins.
        builder.Property(a => a.ApiKeyId).IsConcurrencyToken();
    }
}
