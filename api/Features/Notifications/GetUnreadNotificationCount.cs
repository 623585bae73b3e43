using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Notifications;

public sealed record GetUnreadNotificationCountQuery : IQuery<UnreadCountDto>;

/// <summary>One indexed count: cheap enough for the bell to poll.</summary>
public sealed class GetUnreadNotificationCountQueryHandler(OkrDbContext db, NotificationAccess access) : IQueryHandler<GetUnreadNotificationCountQuery, UnreadCountDto>
{
    public async ValueTask<UnreadCountDto> Handle(GetUnreadNotificationCountQuery query, CancellationToken cancellationToken)
    {
        var me = access.Me();
        return new UnreadCountDto(await db.Notifications.CountAsync(n => n.UserId == me && n.InApp && n.ReadAt == null, cancellationToken));
    }
}
