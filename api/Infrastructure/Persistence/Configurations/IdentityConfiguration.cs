using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Okr.Api.Domain;

namespace Okr.Api.Infrastructure.Persistence.Configurations;

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.FamilyId);
        builder.HasIndex(t => t.UserId);
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(Limits.Name);
        builder.Property(c => c.SecretHash).HasMaxLength(128);
        builder.Property(c => c.Version).IsRowVersion();
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.Property(a => a.EntityType).HasMaxLength(32);
        builder.Property(a => a.Changes).HasColumnType("jsonb");
        builder.HasIndex(a => new { a.EntityType, a.EntityId, a.At });
        builder.HasIndex(a => new { a.ObjectiveId, a.At });
        builder.HasIndex(a => new { a.EntityId, a.At });
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => a.ImportId).HasFilter("import_id IS NOT NULL");
    }
}

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> builder)
    {
        builder.ToTable("import_jobs");
        builder.Property(j => j.IdempotencyKey).HasMaxLength(Limits.IdempotencyKey);
        builder.Property(j => j.BodyHash).HasMaxLength(64);
        builder.Property(j => j.Outcome).HasColumnType("jsonb");
        builder.Property(j => j.SpoolPath).HasMaxLength(1024);
        builder.HasIndex(j => new { j.ActorId, j.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
        builder.HasIndex(j => new { j.ActorId, j.CreatedAt });
        builder.HasIndex(j => j.Status);
    }
}

internal sealed class IdempotentRequestConfiguration : IEntityTypeConfiguration<Http.IdempotentRequest>
{
    public void Configure(EntityTypeBuilder<Http.IdempotentRequest> builder)
    {
        builder.ToTable("idempotent_requests");
        builder.HasKey(r => new { r.ActorId, r.Key });
        builder.Property(r => r.Key).HasMaxLength(Limits.IdempotencyKey);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.ContentType).HasMaxLength(128);
        builder.Property(r => r.Location).HasMaxLength(512);
        builder.Property(r => r.ETag).HasMaxLength(64);
        builder.HasIndex(r => r.CreatedAt);
    }
}

internal sealed class SignInPlaceConfiguration : IEntityTypeConfiguration<SignInPlace>
{
    public void Configure(EntityTypeBuilder<SignInPlace> builder)
    {
        builder.ToTable("sign_in_places");
        builder.HasKey(p => new { p.UserId, p.Network });
        builder.Property(p => p.Network).HasMaxLength(64);
        builder.HasOne<User>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
