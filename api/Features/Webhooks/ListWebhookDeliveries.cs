using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Okr.Api.Domain;
using Okr.Api.Infrastructure.Auth;
using Okr.Api.Infrastructure.Errors;
using Okr.Api.Infrastructure.Http;
using Okr.Api.Infrastructure.Persistence;

namespace Okr.Api.Features.Webhooks;

/// <param name="WebhookId">The webhook.</param>
/// <param name="Status">Only deliveries in this status.</param>
/// <param name="Page">Page, from 1.</param>
/// <param name="PageSize">Deliveries per page.</param>
public sealed record ListWebhookDeliveriesQuery(Guid WebhookId, DeliveryStatus? Status, int Page, int PageSize) : IQuery<PagedList<WebhookDeliveryDto>>, IPagedQuery;

public sealed class ListWebhookDeliveriesQueryValidator : AbstractValidator<ListWebhookDeliveriesQuery>
{
    public ListWebhookDeliveriesQueryValidator() => this.RulesForPaging();
}

public sealed class ListWebhookDeliveriesQueryHandler(OkrDbContext db, AccessPolicy access) : IQueryHandler<ListWebhookDeliveriesQuery, PagedList<WebhookDeliveryDto>>
{
    public async ValueTask<PagedList<WebhookDeliveryDto>> Handle(ListWebhookDeliveriesQuery query, CancellationToken cancellationToken)
    {
        access.EnsureAdmin("see webhooks");
        if (!await db.Webhooks.AnyAsync(w => w.Id == query.WebhookId, cancellationToken)) throw new NotFoundException("Webhook", query.WebhookId);
        var deliveries = db.WebhookDeliveries.Where(d => d.WebhookId == query.WebhookId);
        if (query.Status is { } status) deliveries = deliveries.Where(d => d.Status == status);
        return await WebhookDeliveries.Project(db, deliveries.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)).ToPagedListAsync(query, cancellationToken);
    }
}

internal static class WebhookDeliveries
{
    public static IQueryable<WebhookDeliveryDto> Project(OkrDbContext db, IQueryable<WebhookDelivery> deliveries) =>
        from d in deliveries
        join e in db.Events on d.EventId equals e.Id
        select new WebhookDeliveryDto(d.Id, d.EventId, e.Type, d.SubjectId, d.Status, d.Attempts,
            d.Status == DeliveryStatus.Pending || d.Status == DeliveryStatus.Retrying ? d.NextAttemptAt : null,
            d.LastAttemptAt, d.LastStatusCode, d.LastError, d.ResponseSnippet, d.CreatedAt);

    public static async Task<WebhookDeliveryDto> GetAsync(OkrDbContext db, Guid id, CancellationToken ct) =>
        await Project(db, db.WebhookDeliveries.Where(d => d.Id == id)).SingleAsync(ct);
}
