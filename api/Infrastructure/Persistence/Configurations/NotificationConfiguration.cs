using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Okr.Api.Domain;

namespace Okr.Api.Infrastructure.Persistence.Configurations;

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> builder)
    {
        builder.ToTable("comments");
        builder.Property(c => c.Text).HasMaxLength(Limits.CommentText);
        builder.HasIndex(c => new { c.ObjectiveId, c.CreatedAt });
        builder.HasIndex(c => new { c.KeyResultId, c.CreatedAt });
        // Deleting an objective or key result deletes its comments with it (the deletion itself is audited).
        builder.HasOne<Objective>().WithMany().HasForeignKey(c => c.ObjectiveId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<KeyResult>().WithMany().HasForeignKey(c => c.KeyResultId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.Version).IsRowVersion();
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.Property(n => n.Kind).HasConversion<SnakeCaseEnumConverter<NotificationKind>>().HasMaxLength(32);
        builder.Property(n => n.Email).HasConversion<SnakeCaseEnumConverter<EmailDelivery>>().HasMaxLength(16);
        builder.Property(n => n.Key).HasMaxLength(100);
        builder.Property(n => n.Title).HasMaxLength(500);
        builder.Property(n => n.Body).HasMaxLength(1000);
        builder.Property(n => n.Link).HasMaxLength(500);
        // Once per person: each event is turned into notifications once (in its own transaction), and the daily run checks
        // the day's keys before adding; this index is the backstop.
        builder.HasIndex(n => new { n.UserId, n.Key }).IsUnique();
        builder.HasIndex(n => n.CommentId).HasFilter("comment_id IS NOT NULL");
        // A deleted comment takes its notifications with it, however it goes (deleted itself, or with its objective or key result).
        builder.HasOne<Comment>().WithMany().HasForeignKey(n => n.CommentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.UserId, n.CreatedAt }).HasFilter("in_app");
        builder.HasIndex(n => n.CreatedAt).HasFilter("email <> 'off' AND emailed_at IS NULL");
        builder.HasOne<User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NotificationSettingsConfiguration : IEntityTypeConfiguration<NotificationSettings>
{
    public void Configure(EntityTypeBuilder<NotificationSettings> builder)
    {
        builder.ToTable("notification_settings");
        builder.HasKey(s => s.UserId);
        builder.Property(s => s.Kinds).HasColumnType("jsonb");
        builder.HasOne<User>().WithOne().HasForeignKey<NotificationSettings>(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ChatChannelConfiguration : IEntityTypeConfiguration<ChatChannel>
{
    public void Configure(EntityTypeBuilder<ChatChannel> builder)
    {
        builder.ToTable("chat_channels", t => t.HasCheckConstraint("ck_chat_channels_owner", "(team_id IS NULL) <> (user_id IS NULL)"));
        builder.Property(c => c.Kind).HasConversion<SnakeCaseEnumConverter<ChatKind>>().HasMaxLength(16);
        builder.Property(c => c.Host).HasMaxLength(255);
        builder.Property(c => c.Description).HasMaxLength(Limits.Name);
        builder.Property(c => c.LastError).HasMaxLength(500);
        builder.HasIndex(c => c.TeamId);
        // A person has one own channel.
        builder.HasIndex(c => c.UserId).IsUnique();
        builder.HasOne<Team>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.Version).IsRowVersion();
    }
}

internal sealed class ChatMessageConfiguration : IEntityTypeConfiguration<ChatMessage>
{
    public void Configure(EntityTypeBuilder<ChatMessage> builder)
    {
        builder.ToTable("chat_messages");
        builder.Property(m => m.Payload).HasColumnType("jsonb");
        builder.Property(m => m.Summary).HasMaxLength(500);
        builder.Property(m => m.Status).HasConversion<SnakeCaseEnumConverter<DeliveryStatus>>().HasMaxLength(16);
        builder.Property(m => m.LastError).HasMaxLength(500);
        builder.HasIndex(m => m.NextAttemptAt).HasFilter("status IN ('pending', 'retrying')");
        builder.HasIndex(m => new { m.ChannelId, m.CreatedAt });
        builder.HasOne<ChatChannel>().WithMany().HasForeignKey(m => m.ChannelId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DigestRunConfiguration : IEntityTypeConfiguration<DigestRun>
{
    public void Configure(EntityTypeBuilder<DigestRun> builder)
    {
        builder.ToTable("digest_runs");
        builder.HasKey(r => r.Week);
    }
}
