using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Conversations;

/// <summary>Removes an action item from the conversation it was agreed in.</summary>
public sealed record DeleteActionItemCommand(Guid ConversationId, Guid ItemId) : ICommand;

public sealed class DeleteActionItemCommandHandler(OkrDbContext db, ConversationAccess access) : ICommandHandler<DeleteActionItemCommand>
{
    public async ValueTask<Unit> Handle(DeleteActionItemCommand command, CancellationToken cancellationToken)
    {
        var conversation = await access.ForChangeAsync(command.ConversationId, cancellationToken);
        if (!access.MayChange(conversation)) throw new ForbiddenException("Only the conversation's participants and admins change its action items.");
        var item = await db.ActionItems.SingleOrDefaultAsync(a => a.Id == command.ItemId && a.ConversationId == conversation.Id, cancellationToken)
                   ?? throw new NotFoundException("Action item", command.ItemId);
        db.ActionItems.Remove(item);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
