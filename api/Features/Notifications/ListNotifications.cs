using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Notifications;

/// <summary>Your inbox, newest first.</summary>
/// <param name="Unread">Only the unread ones.</param>
/// <param name="Page">From 1.</param>
/// <param name="PageSize">1..500.</param>
public sealed record ListNotificationsQuery(bool Unread, int Page, int PageSize) : IQuery<PagedList<NotificationDto>>, IPagedQuery;

public sealed class ListNotificationsQueryValidator : AbstractValidator<ListNotificationsQuery>
{
    public ListNotificationsQueryValidator() => this.RulesForPaging();
}

public sealed class ListNotificationsQueryHandler(OkrDbContext db, NotificationAccess access) : IQueryHandler<ListNotificationsQuery, PagedList<NotificationDto>>
{
    public async ValueTask<PagedList<NotificationDto>> Handle(ListNotificationsQuery query, CancellationToken cancellationToken)
    {
        var me = access.Me();
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == me && n.InApp);
        if (query.Unread) mine = mine.Where(n => n.ReadAt == null);
        return await mine.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Select(n => new NotificationDto(n.Id, n.Kind, n.Title, n.Body, n.Link, n.ObjectiveId, n.KeyResultId, n.ConversationId, n.ActorUserId, n.CreatedAt, n.ReadAt))
            .ToPagedListAsync(query, cancellationToken);
    }
}
