using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Conversations;

/// <summary>Deletes a scheduled conversation with its items and notes; held and cancelled ones are the record (422 <c>state</c>).</summary>
public sealed record DeleteConversationCommand(Guid Id) : ICommand;

public sealed class DeleteConversationCommandHandler(OkrDbContext db, ConversationAccess access) : ICommandHandler<DeleteConversationCommand>
{
    public async ValueTask<Unit> Handle(DeleteConversationCommand command, CancellationToken cancellationToken)
    {
        var conversation = await access.ForChangeAsync(command.Id, cancellationToken);
        if (!access.MayChange(conversation)) throw new ForbiddenException("Only the conversation's participants and admins delete it.");
        if (conversation.State != ConversationState.Scheduled)
        {
            throw new DomainRuleException("state", "Only a scheduled conversation is deleted; a held or cancelled one stays as the record.");
        }

        // Through the change tracker, so every item gets its audit entry (private notes as "(secret)").
        db.AgendaItems.RemoveRange(await db.AgendaItems.Where(a => a.ConversationId == conversation.Id).ToListAsync(cancellationToken));
        db.ActionItems.RemoveRange(await db.ActionItems.Where(a => a.ConversationId == conversation.Id).ToListAsync(cancellationToken));
        db.PrivateNotes.RemoveRange(await db.PrivateNotes.Where(n => n.ConversationId == conversation.Id).ToListAsync(cancellationToken));
        db.Conversations.Remove(conversation);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
