using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Okr.Api.Domain;

namespace Okr.Api.Infrastructure.Persistence.Configurations;

internal sealed class ObjectiveConfiguration : IEntityTypeConfiguration<Objective>
{
    public void Configure(EntityTypeBuilder<Objective> builder)
    {
        builder.Property(o => o.Title).HasMaxLength(Limits.Title);
        builder.Property(o => o.Description).HasMaxLength(Limits.Description);
        builder.Property(o => o.ClosingComment).HasMaxLength(Limits.Description);
        builder.Property(o => o.ExternalId).HasMaxLength(Limits.ExternalId);
        // Column defaults serve the bulk import's set-based inserts; the sentinels make EF Core always send what the
        // entity holds (a deliberate 0 share or key_results is a value, not "unset").
        builder.Property(o => o.ProgressFrom).HasDefaultValue(ProgressSource.KeyResults).HasSentinel((ProgressSource)(-1));
        builder.Property(o => o.AlignedShare).HasPrecision(5, 4).HasDefaultValue(Rollup.DefaultAlignedShare).HasSentinel(-1m);
        builder.HasIndex(o => o.ExternalId).IsUnique();
        builder.HasIndex(o => new { o.PeriodId, o.TeamId });
        builder.HasIndex(o => o.TeamId);
        builder.HasIndex(o => o.OwnerId);
        builder.HasIndex(o => o.ParentId);
        builder.HasIndex(o => o.State);
        // Title search is ILIKE '%text%': a trigram index keeps it off a full scan.
        builder.HasIndex(o => o.Title).HasMethod("gin").HasOperators("gin_trgm_ops");
        builder.HasOne<Period>().WithMany().HasForeignKey(o => o.PeriodId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Team>().WithMany().HasForeignKey(o => o.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(o => o.OwnerId).OnDelete(DeleteBehavior.Restrict);
        // Deleting an objective detaches what aligned to it; the children keep their own history.
        builder.HasOne<Objective>().WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.SetNull);
        // Carry-over links: cleared (and audited) by the deletion of either end, never silently by the database.
        builder.HasOne<Objective>().WithMany().HasForeignKey(o => o.CarriedOverFromId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Objective>().WithMany().HasForeignKey(o => o.CarriedOverToId).OnDelete(DeleteBehavior.Restrict);
        // One copy per objective: two concurrent carry-overs of the same one cannot both win.
        builder.HasIndex(o => o.CarriedOverFromId).IsUnique();
        builder.HasIndex(o => o.CarriedOverToId).IsUnique();
        builder.HasMany(o => o.KeyResults).WithOne().HasForeignKey(k => k.ObjectiveId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_objectives_weight", "weight >= 0");
            t.HasCheckConstraint("ck_objectives_aligned_share", "aligned_share >= 0 AND aligned_share <= 1");
            t.HasCheckConstraint("ck_objectives_final_score", "final_score IS NULL OR (final_score >= 0 AND final_score <= 1)");
        });
        builder.Property(o => o.Version).IsRowVersion();
    }
}
