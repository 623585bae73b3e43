using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Okr.Api.Domain;

namespace Okr.Api.Infrastructure.Persistence.Configurations;

internal sealed class ChangeEventConfiguration : IEntityTypeConfiguration<ChangeEvent>
{
    public void Configure(EntityTypeBuilder<ChangeEvent> builder)
    {
        builder.ToTable("events");
        builder.Property(e => e.Sequence).UseIdentityAlwaysColumn();
        builder.Property(e => e.TransactionId).HasColumnType("xid8").HasDefaultValueSql("pg_current_xact_id()").ValueGeneratedOnAdd();
        builder.Property(e => e.Type).HasMaxLength(64);
        builder.Property(e => e.SubjectType).HasMaxLength(32);
        builder.Property(e => e.Data).HasColumnType("jsonb");
        builder.Property(e => e.Audience).HasConversion<SnakeCaseEnumConverter<EventAudience>>().HasMaxLength(16);
        // The stream's order and cursor: (transaction, sequence).
        builder.HasIndex(e => new { e.TransactionId, e.Sequence });
        builder.HasIndex(e => e.Sequence).IsUnique();
        builder.HasIndex(e => e.OccurredAt);
    }
}

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<Webhook>
{
    public void Configure(EntityTypeBuilder<Webhook> builder)
    {
        builder.ToTable("webhooks");
        builder.Property(w => w.Url).HasMaxLength(Limits.WebhookUrl);
        builder.Property(w => w.Description).HasMaxLength(Limits.Description);
        builder.Property(w => w.DisabledReason).HasMaxLength(500);
        builder.Property(w => w.Version).IsRowVersion();
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("webhook_deliveries");
        builder.Property(d => d.Status).HasConversion<SnakeCaseEnumConverter<DeliveryStatus>>().HasMaxLength(16);
        builder.Property(d => d.LastError).HasMaxLength(500);
        builder.Property(d => d.ResponseSnippet).HasMaxLength(Limits.DeliverySnippet);
        builder.HasOne<Webhook>().WithMany().HasForeignKey(d => d.WebhookId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ChangeEvent>().WithMany().HasForeignKey(d => d.EventId).OnDelete(DeleteBehavior.Cascade);
        // What the workers claim: due, not yet done.
        builder.HasIndex(d => d.NextAttemptAt).HasFilter("status IN ('pending', 'retrying')");
        builder.HasIndex(d => new { d.WebhookId, d.SubjectId, d.EventSequence });
        builder.HasIndex(d => new { d.WebhookId, d.CreatedAt });
        builder.HasIndex(d => d.EventId);
    }
}

internal sealed class AnnouncedStatusConfiguration : IEntityTypeConfiguration<AnnouncedStatus>
{
    public void Configure(EntityTypeBuilder<AnnouncedStatus> builder)
    {
        builder.ToTable("announced_statuses");
        builder.HasKey(s => s.KeyResultId);
        builder.HasOne<KeyResult>().WithMany().HasForeignKey(s => s.KeyResultId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AnnouncedObjectiveStatusConfiguration : IEntityTypeConfiguration<AnnouncedObjectiveStatus>
{
    public void Configure(EntityTypeBuilder<AnnouncedObjectiveStatus> builder)
    {
        builder.ToTable("announced_objective_statuses");
        builder.HasKey(s => s.ObjectiveId);
        builder.HasOne<Objective>().WithMany().HasForeignKey(s => s.ObjectiveId).OnDelete(DeleteBehavior.Cascade);
    }
}
