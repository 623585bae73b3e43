using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Mediator;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Notifications;

/// <summary>Marks one of your notifications read (viewers too: it is their own inbox).</summary>
public sealed record MarkNotificationReadCommand(Guid Id) : ICommand<NotificationDto>, IAllowedForReadOnly;

/// <summary>404 for anyone else's; reading it again keeps the first readAt.</summary>
public sealed class MarkNotificationReadCommandHandler(OkrDbContext db, NotificationAccess access, TimeProvider clock) : ICommandHandler<MarkNotificationReadCommand, NotificationDto>
{
    public async ValueTask<NotificationDto> Handle(MarkNotificationReadCommand command, CancellationToken cancellationToken)
    {
        var me = access.Me();
        var n = await db.Notifications.SingleOrDefaultAsync(n => n.Id == command.Id && n.UserId == me && n.InApp, cancellationToken) ?? throw new NotFoundException("Notification", command.Id);
        if (n.ReadAt is null)
        {
            n.ReadAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        return new NotificationDto(n.Id, n.Kind, n.Title, n.Body, n.Link, n.ObjectiveId, n.KeyResultId, n.ConversationId, n.ActorUserId, n.CreatedAt, n.ReadAt);
    }
}
