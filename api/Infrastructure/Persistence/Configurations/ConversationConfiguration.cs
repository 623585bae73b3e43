using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Okr.Api.Domain;

namespace Okr.Api.Infrastructure.Persistence.Configurations;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.Property(c => c.Title).HasMaxLength(Limits.Title);
        builder.Property(c => c.SharedNotes).HasMaxLength(Limits.ConversationNotes);
        builder.HasIndex(c => new { c.EmployeeId, c.ScheduledAt });
        builder.HasIndex(c => c.ManagerId);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<User>().WithMany().HasForeignKey(c => c.ManagerId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t => t.HasCheckConstraint("ck_conversations_participants", "employee_id <> manager_id"));
        builder.Property(c => c.Version).IsRowVersion();
    }
}

internal sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> builder)
    {
        builder.Property(a => a.Text).HasMaxLength(Limits.ItemText);
        builder.HasIndex(a => a.ConversationId);
        builder.HasIndex(a => a.ObjectiveId);
        // Deleting a conversation, objective or key result clears its items through the change tracker (audited); these are the backstop.
        builder.HasOne<Conversation>().WithMany().HasForeignKey(a => a.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Objective>().WithMany().HasForeignKey(a => a.ObjectiveId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<KeyResult>().WithMany().HasForeignKey(a => a.KeyResultId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ActionItemConfiguration : IEntityTypeConfiguration<ActionItem>
{
    public void Configure(EntityTypeBuilder<ActionItem> builder)
    {
        builder.Property(a => a.Text).HasMaxLength(Limits.ItemText);
        builder.HasIndex(a => a.ConversationId);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(a => a.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.OwnerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PrivateNoteConfiguration : IEntityTypeConfiguration<PrivateNote>
{
    public void Configure(EntityTypeBuilder<PrivateNote> builder)
    {
        builder.Property(n => n.PrivateText).HasMaxLength(Limits.ConversationNotes);
        builder.HasIndex(n => new { n.ConversationId, n.UserId }).IsUnique();
        builder.HasOne<Conversation>().WithMany().HasForeignKey(n => n.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<User>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
