using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Okr.Api.Domain;

namespace Okr.Api.Infrastructure.Persistence.Configurations;

internal sealed class KeyResultConfiguration : IEntityTypeConfiguration<KeyResult>
{
    public void Configure(EntityTypeBuilder<KeyResult> builder)
    {
        builder.Property(k => k.Title).HasMaxLength(Limits.Title);
        builder.Property(k => k.Unit).HasMaxLength(Limits.Unit);
        builder.Property(k => k.CurrencyCode).HasMaxLength(3).IsFixedLength();
        builder.Property(k => k.ExternalId).HasMaxLength(Limits.ExternalId);
        builder.Property(k => k.LastCheckInNote).HasMaxLength(Limits.Note);
        builder.HasIndex(k => k.ExternalId).IsUnique();
        builder.HasIndex(k => k.ObjectiveId);
        builder.HasIndex(k => k.OwnerId);
        builder.HasOne<User>().WithMany().HasForeignKey(k => k.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(k => k.Progress);
        builder.ToTable(t => t.HasCheckConstraint("ck_key_results_weight", "weight >= 0"));
        builder.Property(k => k.Version).IsRowVersion();
    }
}

internal sealed class CheckInConfiguration : IEntityTypeConfiguration<CheckIn>
{
    public void Configure(EntityTypeBuilder<CheckIn> builder)
    {
        builder.Property(c => c.Note).HasMaxLength(Limits.Note);
        // The history of a key result is read newest first.
        builder.HasIndex(c => new { c.KeyResultId, c.MeasuredAt, c.CreatedAt }).IsDescending(false, true, true);
        builder.HasOne<KeyResult>().WithMany().HasForeignKey(c => c.KeyResultId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.SetNull);
        builder.ToTable(t => t.HasCheckConstraint("ck_check_ins_confidence", "confidence BETWEEN 0 AND 10"));
    }
}
