using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Conversations;

/// <summary>Takes an item off the agenda.</summary>
public sealed record DeleteAgendaItemCommand(Guid ConversationId, Guid ItemId) : ICommand;

public sealed class DeleteAgendaItemCommandHandler(OkrDbContext db, ConversationAccess access) : ICommandHandler<DeleteAgendaItemCommand>
{
    public async ValueTask<Unit> Handle(DeleteAgendaItemCommand command, CancellationToken cancellationToken)
    {
        var conversation = await access.ForChangeAsync(command.ConversationId, cancellationToken);
        if (!access.MayChange(conversation)) throw new ForbiddenException("Only the conversation's participants and admins change its agenda.");
        var item = await db.AgendaItems.SingleOrDefaultAsync(a => a.Id == command.ItemId && a.ConversationId == conversation.Id, cancellationToken)
                   ?? throw new NotFoundException("Agenda item", command.ItemId);
        db.AgendaItems.Remove(item);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
