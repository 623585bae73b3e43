using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Mediator;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Notifications;

/// <summary>Marks every unread notification of your inbox read, in one statement.</summary>
public sealed record MarkAllNotificationsReadCommand : ICommand<MarkedDto>, IAllowedForReadOnly;

public sealed class MarkAllNotificationsReadCommandHandler(OkrDbContext db, NotificationAccess access, TimeProvider clock) : ICommandHandler<MarkAllNotificationsReadCommand, MarkedDto>
{
    public async ValueTask<MarkedDto> Handle(MarkAllNotificationsReadCommand command, CancellationToken cancellationToken)
    {
        var me = access.Me();
        var now = clock.GetUtcNow();
        var marked = await db.Notifications.Where(n => n.UserId == me && n.InApp && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        return new MarkedDto(marked);
    }
}
