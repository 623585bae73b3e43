using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Okr.Api.Domain;

namespace Okr.Api.Infrastructure.Persistence.Configurations;

internal sealed class ReminderRunConfiguration : IEntityTypeConfiguration<ReminderRun>
{
    public void Configure(EntityTypeBuilder<ReminderRun> builder) => builder.HasKey(r => r.Day);
}

internal sealed class ReminderDeliveryConfiguration : IEntityTypeConfiguration<ReminderDelivery>
{
    public void Configure(EntityTypeBuilder<ReminderDelivery> builder)
    {
        builder.Property(d => d.Email).HasMaxLength(Limits.Email);
        builder.Property(d => d.Error).HasMaxLength(1000);
        builder.HasIndex(d => new { d.Day, d.UserId }).IsUnique();
        builder.HasOne<ReminderRun>().WithMany().HasForeignKey(d => d.Day).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(d => d.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
