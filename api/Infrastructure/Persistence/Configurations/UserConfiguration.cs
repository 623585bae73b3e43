using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Okr.Api.Domain;

namespace Okr.Api.Infrastructure.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.Property(u => u.Email).HasMaxLength(Limits.Email);
        builder.HasIndex(u => u.Email).IsUnique();
        builder.Property(u => u.DisplayName).HasMaxLength(Limits.Name);
        builder.Property(u => u.PasswordHash).HasMaxLength(512);
        builder.HasIndex(u => u.ManagerId);
        builder.HasOne<User>().WithMany().HasForeignKey(u => u.ManagerId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(u => u.ScimExternalId).HasMaxLength(Limits.ScimExternalId);
        builder.Property(u => u.ScimUserName).HasMaxLength(Limits.ScimExternalId);
        builder.HasIndex(u => u.ScimUserName).IsUnique().HasFilter("scim_user_name IS NOT NULL");
        builder.Property(u => u.Version).IsRowVersion();
    }
}
